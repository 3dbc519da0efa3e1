package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.wal.WalFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log cut at every byte offset of its last records, as a crash in the middle of a write leaves it: either the
 * file ends there (a growing file), or zeros follow to its end (a file zero-filled ahead of its records, as with
 * fsync durability). Recovery keeps exactly the transactions whose record is complete, and the store stays
 * writable. A complete last record changed afterwards is damage, not a torn tail.
 */
class TornLogTailTest {

    private static final int TRANSACTIONS = 40;
    private static final int CUT_RECORDS = 4;

    @TempDir
    Path temp;

    @Test
    void recoveryKeepsExactlyTheCompleteTransactionsAtEveryCut() throws IOException {
        checkEveryCut(false);
    }

    @Test
    void recoveryKeepsExactlyTheCompleteTransactionsWhenZerosFollowEveryCut() throws IOException {
        checkEveryCut(true);
    }

    @Test
    void aChangedLastRecordBeforeZerosIsDamageNotATornTail() throws IOException {
        Path pristine = temp.resolve("pristine");
        writeHistory(pristine);
        Path log = Stores.onlyFile(pristine, "wal-");
        List<Long> recordEnds = recordEnds(log);
        long lastStart = recordEnds.get(TRANSACTIONS - 2);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            long at = lastStart + WalFormat.RECORD_HEADER_BYTES + 3; // inside the payload
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, at);
            channel.write(ByteBuffer.allocate(4096), channel.size()); // zero-filled space after it
        }
        try (StorageEngine engine = new TestFileBackend().open(config(pristine))) {
            assertTrue(engine.isReadOnly(), "damage opens the store read-only");
            assertEquals(Integer.toString(TRANSACTIONS - 1), Stores.get(engine, "last"),
                    "replay stops before the damaged record");
        }
    }

    private void checkEveryCut(boolean zeroFilled) throws IOException {
        Path pristine = temp.resolve("pristine");
        List<TreeMap<String, String>> states = writeHistory(pristine);
        Path log = Stores.onlyFile(pristine, "wal-");
        List<Long> recordEnds = recordEnds(log);
        assertEquals(TRANSACTIONS, recordEnds.size(), "one record per transaction");
        long from = recordEnds.get(TRANSACTIONS - CUT_RECORDS - 1);
        long size = Files.size(log);
        int checked = 0;
        for (long cut = from; cut <= size; cut++) {
            int complete = 0;
            while (complete < recordEnds.size() && recordEnds.get(complete) <= cut) {
                complete++;
            }
            Path copy = temp.resolve("cut-" + cut);
            Stores.copyDirectory(pristine, copy);
            try (FileChannel channel = FileChannel.open(copy.resolve(log.getFileName()), StandardOpenOption.WRITE)) {
                if (zeroFilled) {
                    channel.write(ByteBuffer.allocate((int) (size - cut) + 4096), cut);
                } else {
                    channel.truncate(cut);
                }
            }
            try (StorageEngine engine = new TestFileBackend().open(config(copy))) {
                assertEquals(states.get(complete), Stores.contents(engine), "cut at byte " + cut
                        + (zeroFilled ? ", zeros after" : ""));
                assertFalse(engine.isReadOnly(), "a torn tail is not damage (cut at " + cut + ") " + ((FileEngine) engine).problems());
                Stores.put(engine, "after", "cut");
            }
            try (StorageEngine engine = new TestFileBackend().open(config(copy))) {
                assertEquals("cut", Stores.get(engine, "after"), "writes after recovery survive a reopen");
            }
            Stores.deleteDirectory(copy);
            checked++;
        }
        assertTrue(checked > 4 * WalFormat.RECORD_HEADER_BYTES, "cut at every offset of the last records: " + checked);
    }

    /**
     * A log file gets its name only after its header is forced (it is created under a temporary name), so a log
     * cut inside its header lost bytes after creation: here the 40 acknowledged commits it held. That is damage:
     * the store opens read-only and says so, it does not open empty and writable.
     */
    @Test
    void aLogCutInsideItsFileHeaderIsDamageNotAnEmptyStore() throws IOException {
        Path pristine = temp.resolve("pristine");
        writeHistory(pristine);
        Path log = Stores.onlyFile(pristine, "wal-");
        for (int cut = 0; cut < WalFormat.FILE_HEADER_BYTES; cut += 5) {
            Path copy = temp.resolve("header-" + cut);
            Stores.copyDirectory(pristine, copy);
            try (FileChannel channel = FileChannel.open(copy.resolve(log.getFileName()), StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            try (StorageEngine engine = new TestFileBackend().open(config(copy))) {
                assertTrue(engine.isReadOnly(), "a log that lost its acknowledged records is damage (cut at " + cut + ")");
                List<String> problems = engine.verify().problems();
                assertEquals(1, problems.size(), problems.toString());
                assertTrue(problems.get(0).contains(log.getFileName().toString())
                        && problems.get(0).contains("shorter than its header"), problems.get(0));
            }
        }
    }

    @Test
    void aLogWhoseCreationDidNotCompleteIsDiscarded() throws IOException {
        Path pristine = temp.resolve("pristine");
        writeHistory(pristine);
        Files.write(pristine.resolve(WalFormat.tempFileName(999)), new byte[7]); // crashed before its rename
        try (StorageEngine engine = new TestFileBackend().open(config(pristine))) {
            assertFalse(engine.isReadOnly(), ((FileEngine) engine).problems().toString());
            assertEquals(Integer.toString(TRANSACTIONS), Stores.get(engine, "last"));
        }
        assertFalse(Files.exists(pristine.resolve(WalFormat.tempFileName(999))), "deleted at open");
    }

    private EngineConfig config(Path directory) {
        return Stores.config(directory, Durability.FSYNC, "checkpoint.interval", "0");
    }

    /** Commits the transactions (the log is left unflushed); returns the state after each: states[i] after i. */
    private List<TreeMap<String, String>> writeHistory(Path directory) {
        List<TreeMap<String, String>> states = new ArrayList<>();
        TreeMap<String, String> state = new TreeMap<>();
        states.add(new TreeMap<>(state));
        try (StorageEngine engine = new TestFileBackend().open(config(directory))) {
            for (int i = 1; i <= TRANSACTIONS; i++) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    String value = "v" + i + "x".repeat(i % 7);
                    tx.put(bytes("k" + i), bytes(value));
                    tx.put(bytes("last"), bytes(Integer.toString(i)));
                    state.put("k" + i, value);
                    state.put("last", Integer.toString(i));
                    if (i % 5 == 0) {
                        tx.delete(bytes("k" + (i - 3)));
                        state.remove("k" + (i - 3));
                    }
                    tx.commit();
                }
                states.add(new TreeMap<>(state));
            }
        }
        return states;
    }

    /** The end offset of every record, read with the format's own header layout. */
    private static List<Long> recordEnds(Path log) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        List<Long> ends = new ArrayList<>();
        int position = WalFormat.FILE_HEADER_BYTES;
        while (position < bytes.length) {
            position += (int) WalFormat.recordBytes(ByteSink.readInt(bytes, position));
            ends.add((long) position);
        }
        return ends;
    }
}
