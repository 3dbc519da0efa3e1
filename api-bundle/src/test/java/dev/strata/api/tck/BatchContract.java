package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/** Many reads from one snapshot, many writes in one atomic commit (all or nothing, also to concurrent readers). */
public interface BatchContract extends EngineContract {

    @Test
    default void getAllReadsOneSnapshotWithGapsForAbsentKeys() {
        put("a", "1");
        put("c", "3");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            put("a", "changed after the snapshot");
            List<byte[]> values = tx.getAll(List.of(bytes("a"), bytes("b"), bytes("c")));
            assertEquals(3, values.size());
            assertEquals("1", text(values.get(0)));
            assertNull(values.get(1));
            assertEquals("3", text(values.get(2)));
        }
    }

    private long countPrefix(EngineTransaction tx, String prefix) {
        long count = 0;
        try (EngineCursor cursor = tx.cursor(KeyRange.prefix(bytes(prefix)), false)) {
            while (cursor.next()) {
                count++;
            }
        }
        return count;
    }

    /** Readers running during the commit see none or all of the 10,000 writes, never a part. */
    @Test
    default void tenThousandWritesCommitTogether() throws Exception {
        AtomicBoolean committing = new AtomicBoolean(true);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicLong snapshots = new AtomicLong();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> reader = pool.submit(() -> {
                do {
                    try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
                        long count = countPrefix(tx, "batch.");
                        seen.add(count);
                        if (count == 10_000) {
                            assertEquals("9999", text(tx.get(bytes("batch.9999"))));
                        }
                    }
                    snapshots.incrementAndGet();
                } while (committing.get());
                return null;
            });
            try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < 10_000; i++) {
                    tx.put(bytes("batch." + i), bytes(Integer.toString(i)));
                }
                while (snapshots.get() < 2 && !reader.isDone()) {
                    Thread.onSpinWait(); // the reader is running before the commit starts
                }
                tx.commit();
            }
            long after = snapshots.get();
            while (snapshots.get() < after + 2 && !reader.isDone()) {
                Thread.onSpinWait(); // and still running after it returned
            }
            committing.set(false);
            reader.get(1, TimeUnit.MINUTES);
        } finally {
            committing.set(false);
            pool.shutdownNow();
        }
        assertTrue(Set.of(0L, 10_000L).containsAll(seen), "a snapshot saw part of a 10,000-write commit: " + seen);
        assertTrue(seen.contains(10_000L), "the reader saw the commit once it returned");
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(bytes("batch." + i));
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            List<byte[]> values = tx.getAll(keys);
            for (int i = 0; i < 10_000; i++) {
                assertEquals(Integer.toString(i), text(values.get(i)), "batch." + i);
            }
        }
    }

    @Test
    default void aConflictingBatchOfTenThousandAppliesNothing() {
        put("batch.9999", "before");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 10_000; i++) {
                tx.put(bytes("batch." + i), bytes(Integer.toString(i)));
            }
            put("batch.9999", "concurrent");
            assertThrows(ConflictException.class, tx::commit, "batch.9999 was written after the batch began");
        }
        assertEquals(List.of("batch.9999"), allKeys(), "a conflicting batch left some of its writes behind");
        assertEquals("concurrent", get("batch.9999"));
    }

    @Test
    default void anAbortedBatchLeavesNothing() {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 1_000; i++) {
                tx.put(bytes("batch." + i), bytes("x"));
            }
            tx.abort();
        }
        assertEquals(List.of(), allKeys());
    }
}
