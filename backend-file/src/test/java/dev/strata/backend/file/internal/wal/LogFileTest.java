package dev.strata.backend.file.internal.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zero-filled log file keeps zeros ahead of its records and ends at its last record once cut. */
class LogFileTest {

    @TempDir
    Path directory;

    @Test
    void zeroFillRunsAheadOfTheRecordsAndIsCutAtTheEnd() throws IOException {
        Path file = directory.resolve("log");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[16]), 0);
            LogFile log = new LogFile(channel, 16, true);
            byte[] record = new byte[100];
            Arrays.fill(record, (byte) 7);
            log.append(ByteBuffer.wrap(record), ByteBuffer.wrap(record));
            assertEquals(216, log.end());
            assertTrue(channel.size() >= 216 + LogFile.ZERO_FILL_BYTES, "zeros ahead: " + channel.size());
            byte[] bytes = Files.readAllBytes(file);
            assertArrayEquals(record, Arrays.copyOfRange(bytes, 116, 216));
            for (int i = 216; i < bytes.length; i++) {
                assertEquals(0, bytes[i], "zero at " + i);
            }
            byte[] big = new byte[3 * LogFile.ZERO_FILL_BYTES]; // larger than a fill step: the fill grows with it
            log.append(ByteBuffer.wrap(big));
            assertTrue(channel.size() >= log.end());
            log.cutAfterLastRecord();
            assertEquals(log.end(), channel.size());
        }
    }

    @Test
    void withoutZeroFillTheFileEndsAtItsLastRecord() throws IOException {
        Path file = directory.resolve("log");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            LogFile log = new LogFile(channel, 0, false);
            log.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(3, channel.size());
        }
    }
}
