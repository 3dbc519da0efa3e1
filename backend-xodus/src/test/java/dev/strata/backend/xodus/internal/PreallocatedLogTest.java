package dev.strata.backend.xodus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import dev.strata.api.CorruptionException;

import jetbrains.exodus.io.Block;
import jetbrains.exodus.io.DataWriter;
import jetbrains.exodus.log.LogUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preallocated log's end detection, below Xodus: bytes written through its {@link DataWriter}, forced or not,
 * crash images that lose exactly one page, and the logical end each image reopens with. A force that did not
 * complete (its slot or a page of its data missing) must give the end of the force before it, never bytes that are
 * not whole; a completed force's end must survive; the zeros ahead are never part of a file's length.
 */
class PreallocatedLogTest {

    private static final long BOUND = 1 << 20;
    private static final String FILE = LogUtil.getLogFilename(0);

    @TempDir
    Path temp;

    private final Random random = new Random(3);
    private final byte[] first = bytes(5000);
    private final byte[] second = bytes(10000);

    /** Writes {@code first} and forces it, then {@code second} with a slot written but its force lost. */
    private Path live(SimulatedLogStorage disk) throws IOException {
        Path directory = temp.resolve("live");
        PreallocatedLog log = PreallocatedLog.open(directory, BOUND, disk, false);
        DataWriter writer = log.writer();
        writer.openOrCreateBlock(0, 0);
        writer.syncDirectory(); // as Xodus does after it creates a file
        writer.write(first, 0, first.length);
        writer.sync();
        writer.write(second, 0, second.length);
        disk.dropForces(true);
        writer.sync(); // the slot vouching for the second write is written; its force never reaches the disk
        disk.dropForces(false);
        return directory;
    }

    @Test
    void aForceThatDidNotCompleteFallsBackToTheEndOfTheLastOneThatDid() throws IOException {
        SimulatedLogStorage disk = new SimulatedLogStorage();
        Path directory = live(disk);
        long dataStart = LogFileHeader.BYTES / LogFileHeader.PAGE;
        long middleOfSecond = dataStart + (first.length + second.length / 2) / LogFileHeader.PAGE;
        long newSlotPage = LogFileHeader.slotPosition(3) / LogFileHeader.PAGE; // slots 1, 2 forced, 3 not
        long lastOfSecond = dataStart + (first.length + second.length - 1) / LogFileHeader.PAGE;
        for (long page : new long[] {middleOfSecond, newSlotPage, lastOfSecond}) {
            Path image = temp.resolve("lost-page-" + page);
            disk.crashImageWithout(directory, image, FILE, page);
            byte[] whole = reopenAndRead(image);
            assertEquals(first.length, whole.length, "page " + page + " of the unfinished force lost: the end must"
                    + " be the last completed force's, never a slot whose span is not whole");
            assertArrayEquals(first, whole, "page " + page);
        }
        Path image = temp.resolve("lost-older-slot-page");
        disk.crashImageWithout(directory, image, FILE, 3 - newSlotPage); // untouched since its force: no loss
        assertEquals(first.length + second.length, reopenAndRead(image).length);
    }

    @Test
    void aForceThatCompletedKeepsItsEndAndTheZerosAheadAreNotData() throws IOException {
        SimulatedLogStorage disk = new SimulatedLogStorage();
        Path directory = live(disk);
        Path image = temp.resolve("all");
        disk.crashImageWithout(directory, image, FILE, 1 << 20); // a page past the file: nothing lost
        byte[] whole = reopenAndRead(image);
        assertEquals(first.length + second.length, whole.length, "every page reached the disk: the newer slot");
        assertArrayEquals(second, Arrays.copyOfRange(whole, first.length, whole.length));
        long physical = Files.size(image.resolve(FILE));
        assertEquals(LogFileHeader.BYTES + PreallocatedLog.AHEAD, physical, "zero-filled ahead");
    }

    @Test
    void aFileWhoseForcedDataIsDamagedIsReportedNotCut() throws IOException {
        SimulatedLogStorage disk = new SimulatedLogStorage();
        Path directory = live(disk);
        Path image = temp.resolve("damaged");
        disk.crashImageWithout(directory, image, FILE, 1 << 20);
        XodusBitFlipTest.flip(image.resolve(FILE), LogFileHeader.BYTES + 100, 3); // inside the first, forced span
        XodusBitFlipTest.flip(image.resolve(FILE), LogFileHeader.BYTES + first.length + 100, 3);
        CorruptionException damaged = assertThrows(CorruptionException.class,
                () -> PreallocatedLog.open(image, BOUND, LogStorage.FILES, false));
        assertEquals(image.resolve(FILE).toString(), damaged.file().orElse(null), damaged.getMessage());
    }

    private static byte[] reopenAndRead(Path image) throws IOException {
        PreallocatedLog log = PreallocatedLog.open(image, BOUND, LogStorage.FILES, false);
        try {
            Block block = log.reader().getBlocks().iterator().next();
            byte[] content = new byte[(int) block.length() + 4096];
            int read = block.read(content, 0, 0, content.length);
            assertEquals(block.length(), read, "reads stop at the logical end");
            return Arrays.copyOf(content, read);
        } finally {
            log.reader().close();
        }
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
