package dev.strata.backend.xodus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.strata.api.CorruptionException;

import jetbrains.exodus.io.Block;
import jetbrains.exodus.io.DataWriter;
import jetbrains.exodus.log.LogUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preallocated log's trailing end slots ({@link TrailingSlot}), below Xodus: small forced writes vouched for
 * beside the data, and what a power loss during the next force may leave. Each case is a crash image of a
 * {@link SimulatedLogStorage} reopened by a plain log; the end found must cover every completed force and nothing
 * that is not whole.
 */
class TrailingSlotTest {

    private static final long BOUND = 8 << 20;
    private static final String FILE = LogUtil.getLogFilename(0);
    private static final int PAGE = LogFileHeader.PAGE;

    @TempDir
    Path temp;

    private final Random random = new Random(5);
    private final SimulatedLogStorage disk = new SimulatedLogStorage();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private Path live;
    private DataWriter writer;
    /** The next force waits in the kernel, as it were, until the test releases it. */
    private volatile boolean holdNextForce;

    private void open() throws IOException {
        live = temp.resolve("live");
        writer = PreallocatedLog.open(live, BOUND, disk, false).writer();
        writer.openOrCreateBlock(0, 0);
        writer.syncDirectory(); // as Xodus does after it creates a file
    }

    private void write(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        writer.write(bytes, 0, length);
        written.write(bytes, 0, length);
    }

    /** A force whose slot is written but which never completes on the disk. */
    private void lostForce() {
        disk.dropForces(true);
        writer.sync();
        disk.dropForces(false);
    }

    @Test
    void smallForcesVouchBesideTheDataAndLeaveTheHeaderAlone() throws IOException {
        open();
        write(300);
        writer.sync();
        byte[] header = Arrays.copyOfRange(Files.readAllBytes(live.resolve(FILE)), 0, LogFileHeader.BYTES);
        for (int i = 0; i < 40; i++) {
            write(100 + random.nextInt(400));
            writer.sync();
        }
        assertArrayEquals(header, Arrays.copyOfRange(Files.readAllBytes(live.resolve(FILE)), 0, LogFileHeader.BYTES),
                "small forces write no header page");
        assertArrayEquals(written.toByteArray(), reopen(image(-1)), "every forced byte, nothing after");
    }

    @Test
    void aForceThatDidNotCompleteFallsBackToTheTrailingSlotBeforeIt() throws IOException {
        open();
        write(300);
        writer.sync();
        write(300);
        lostForce();
        byte[] both = written.toByteArray();
        byte[] first = Arrays.copyOf(both, 300);
        long newSlotPage = TrailingSlot.position(600, 2) / PAGE;
        long dataPage = LogFileHeader.BYTES / PAGE;
        assertArrayEquals(first, reopen(image(newSlotPage)), "its slot lost");
        assertArrayEquals(first, reopen(image(dataPage)), "its data lost under a whole slot");
        assertArrayEquals(both, reopen(image(-1)), "every page reached the disk");
    }

    /**
     * A large write after a small force would overwrite the trailing slot vouching for that force: a header slot
     * must be durable first, or a power loss during the large write's force loses the small one.
     */
    @Test
    void aWriteThatReachesTheSlotReliedOnMakesAHeaderSlotDurableFirst() throws IOException {
        open();
        write(300);
        writer.sync();
        write(8000); // from the data's end through the page where the first force's slot lies
        lostForce();
        for (long headerPage = 1; headerPage <= 2; headerPage++) {
            byte[] found = reopen(image(headerPage));
            assertTrue(found.length == 300 || found.length == 8300, "without header page " + headerPage + ": "
                    + found.length + " bytes, the forced 300 lost");
            assertArrayEquals(Arrays.copyOf(written.toByteArray(), found.length), found);
        }
    }

    /** After a truncation, a trailing slot written before it vouches for bytes the log no longer has. */
    @Test
    void aTruncationEndsTheGenerationOfTheSlotsBeforeIt() throws IOException {
        open();
        write(300);
        writer.sync();
        write(300);
        writer.sync();
        writer.truncateBlock(0, 0);
        assertEquals(0, reopen(image(-1)).length, "the truncated bytes are not data again");
    }

    @Test
    void damageUnderTheNewestTwoTrailingSlotsIsReportedNotCut() throws IOException {
        open();
        for (int i = 0; i < 3; i++) {
            write(300);
            writer.sync();
        }
        Path image = image(-1);
        XodusBitFlipTest.flip(image.resolve(FILE), LogFileHeader.BYTES + 100, 2); // in forced, acknowledged data
        CorruptionException damaged = assertThrows(CorruptionException.class,
                () -> PreallocatedLog.open(image, BOUND, LogStorage.FILES, false));
        assertEquals(image.resolve(FILE).toString(), damaged.file().orElse(null), damaged.getMessage());
    }

    /**
     * A trailing slot of header slot 2's generation shows that header slot 2's force completed: damage under
     * header slot 2 is damage, not a torn force to step back from (to header slot 1 and its older trailing slot).
     */
    @Test
    void damageUnderAHeaderSlotWithTrailingSlotsAfterItIsReportedNotCut() throws IOException {
        open();
        write(300);
        writer.sync(); // trailing slot 1 of generation 1
        write(3600);
        writer.sync(); // more than a trailing slot vouches for: header slot 2
        write(300);
        writer.sync(); // trailing slot 1 of generation 2
        Path image = image(-1);
        XodusBitFlipTest.flip(image.resolve(FILE), LogFileHeader.BYTES + 1000, 4); // under header slot 2 only
        assertThrows(CorruptionException.class, () -> PreallocatedLog.open(image, BOUND, LogStorage.FILES, false));
    }

    /**
     * A torn force leaves a whole trailing slot over data that is not; the run after the crash writes its own
     * slots with the same numbers, on another page. Its slots must be of a new generation, or recovery after its
     * next crash could not tell the stale slot from its own.
     */
    @Test
    void aRunAfterACrashNeverMistakesAStaleSlotForOneOfItsOwn() throws IOException {
        open();
        write(3600);
        writer.sync(); // a header slot vouches up to 3600
        write(100);
        lostForce(); // trailing slot 1 of that generation, over the next 100 bytes
        Path crashed = image(LogFileHeader.BYTES / PAGE); // the slot reached the disk, its data did not
        byte[] kept = Arrays.copyOf(written.toByteArray(), 3600);

        SimulatedLogStorage secondDisk = new SimulatedLogStorage();
        DataWriter second = PreallocatedLog.open(crashed, BOUND, secondDisk, false).writer();
        second.openOrCreateBlock(0, 3600);
        byte[] more = new byte[3400];
        random.nextBytes(more);
        second.write(more, 0, more.length); // its slot falls on the page after the stale one's
        second.sync();
        Path image = temp.resolve("second-run");
        secondDisk.crashImageWithout(crashed, image, FILE, Long.MAX_VALUE / PAGE);
        byte[] expected = Arrays.copyOf(kept, 7000);
        System.arraycopy(more, 0, expected, 3600, more.length);
        assertArrayEquals(expected, reopen(image), "the second run's forced write is there");
    }

    /**
     * While a force of a trailing slot is in the kernel, that slot is not yet durable and the one before it may be
     * a header slot: a write reaching the forced slot's region must wait for the force and make a header slot
     * durable, or it overwrites the slot the completed force acknowledges by.
     */
    @Test
    void aWriteDuringAForceStaysClearOfTheSlotBeingForced() throws Exception {
        CountDownLatch inForce = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LogStorage held = new LogStorage() {
            @Override
            public LogChannel open(Path file, boolean create) throws IOException {
                return new ForwardingLogChannel(disk.open(file, create)) {
                    @Override
                    public void force() throws IOException {
                        if (holdNextForce) {
                            holdNextForce = false;
                            inForce.countDown();
                            await(release);
                        }
                        super.force();
                    }
                };
            }

            @Override
            public void forceDirectory(Path directory) throws IOException {
                disk.forceDirectory(directory);
            }

            @Override
            public void remove(Path file, Path renamed) throws IOException {
                disk.remove(file, renamed);
            }
        };
        live = temp.resolve("live");
        writer = PreallocatedLog.open(live, BOUND, held, false).writer();
        writer.openOrCreateBlock(0, 0);
        writer.syncDirectory();
        write(300);
        holdNextForce = true;
        Thread forcing = new Thread(writer::sync); // trailing slot 1, forced while the next write comes
        forcing.start();
        await(inForce);
        Thread large = new Thread(() -> write(8000)); // through the page of the slot being forced
        large.start();
        large.join(300); // a write that does not wait for the force is done by now
        release.countDown();
        forcing.join();
        large.join();
        byte[] found = reopen(image(-1)); // a power loss right after: the large write not forced
        assertTrue(found.length >= 300, "the 300 bytes the completed force acknowledged are lost: " + found.length);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the held force never came or was never released");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Past {@link TrailingSlot#GENERATION_SPAN} a force writes a header slot, so recovery finds every end. */
    @Test
    void manySmallForcesPastTheGenerationSpanAreAllFound() throws IOException {
        open();
        while (written.size() < TrailingSlot.GENERATION_SPAN + (1 << 20)) {
            write(3000);
            writer.sync();
        }
        assertArrayEquals(written.toByteArray(), reopen(image(-1)));
    }

    /** A crash image of the live log without one page of what the unfinished force wrote ({@code -1}: none). */
    private Path image(long lostPage) throws IOException {
        Path image = temp.resolve("image-" + System.nanoTime());
        disk.crashImageWithout(live, image, FILE, lostPage < 0 ? Long.MAX_VALUE / PAGE : lostPage);
        return image;
    }

    private static byte[] reopen(Path image) throws IOException {
        PreallocatedLog log = PreallocatedLog.open(image, BOUND, LogStorage.FILES, false);
        try {
            Block block = log.reader().getBlocks().iterator().next();
            byte[] content = new byte[(int) block.length()];
            assertEquals(block.length(), block.read(content, 0, 0, content.length));
            return content;
        } finally {
            log.reader().close();
        }
    }
}
