package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.Test;

/** Many reads from one snapshot, many writes in one atomic commit. */
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

    @Test
    default void tenThousandWritesCommitTogether() {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 10_000; i++) {
                tx.put(bytes("batch." + i), bytes(Integer.toString(i)));
            }
            tx.commit();
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(bytes("batch." + i));
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            List<byte[]> values = tx.getAll(keys);
            for (int i = 0; i < 10_000; i++) {
                assertEquals(Integer.toString(i), text(values.get(i)));
            }
        }
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
