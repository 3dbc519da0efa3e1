package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.Test;

/**
 * {@link EngineTransaction#putAllIfAbsent}, core's batched write: the absent keys written, the present ones read and
 * left alone (own writes included), all of it part of the transaction (committed or rolled back with it), and a key
 * another transaction wrote after the snapshot a conflict, never a silent overwrite or a silent skip.
 */
public interface PutIfAbsentContract extends EngineContract {

    private static List<byte[]> values(String... texts) {
        List<byte[]> values = new ArrayList<>();
        for (String text : texts) {
            values.add(bytes(text));
        }
        return values;
    }

    @Test
    default void writesTheAbsentKeysAndReturnsThePresentOnesUnchanged() {
        put("b", "old b");
        put("d", "old d");
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            List<byte[]> current = tx.putAllIfAbsent(values("d", "a", "b", "c"), values("new d", "new a", "new b",
                    "new c"));
            assertEquals(4, current.size());
            assertEquals("old d", text(current.get(0)));
            assertNull(current.get(1));
            assertEquals("old b", text(current.get(2)));
            assertNull(current.get(3));
            assertEquals("new a", text(tx.get(bytes("a"))), "the transaction reads its own write");
            assertEquals("old b", text(tx.get(bytes("b"))), "a present key is left unwritten");
            tx.commit();
        }
        assertEquals("new a", get("a"));
        assertEquals("old b", get("b"));
        assertEquals("new c", get("c"));
        assertEquals("old d", get("d"));
    }

    @Test
    default void ownWritesCountAndADeletedKeyIsAbsent() {
        put("gone", "was there");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("held"), bytes("held here"));
            tx.delete(bytes("gone"));
            tx.delete(bytes("never"));
            List<byte[]> current = tx.putAllIfAbsent(values("held", "gone", "never"), values("x", "y", "z"));
            assertEquals("held here", text(current.get(0)));
            assertNull(current.get(1));
            assertNull(current.get(2));
            tx.commit();
        }
        assertEquals("held here", get("held"));
        assertEquals("y", get("gone"));
        assertEquals("z", get("never"));
    }

    @Test
    default void aKeyDeletedByAnEarlierCommitIsAbsent() {
        put("k", "v");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.delete(bytes("k"));
            tx.commit();
        }
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            assertNull(tx.putAllIfAbsent(values("k"), values("again")).get(0));
            tx.commit();
        }
        assertEquals("again", get("k"));
    }

    @Test
    default void anAbortedTransactionLeavesNothing() {
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            tx.putAllIfAbsent(values("a", "b"), values("1", "2"));
            tx.abort();
        }
        assertNull(get("a"));
        assertNull(get("b"));
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.putAllIfAbsent(values("c"), values("3"));
        } // closed without commit
        assertNull(get("c"));
        assertEquals(List.of(), allKeys());
    }

    /** Two writers of a key absent at both snapshots: the second to finish fails and applies nothing. */
    @Test
    default void aKeyCommittedAfterTheSnapshotConflicts() {
        put("other", "1");
        EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE);
        try {
            assertEquals("1", text(tx.get(bytes("other")))); // the snapshot is taken
            put("k", "committed first");
            assertThrows(ConflictException.class, () -> {
                tx.putAllIfAbsent(values("k", "fresh"), values("second", "fresh value"));
                tx.commit();
            });
        } finally {
            tx.close();
        }
        assertEquals("committed first", get("k"));
        assertNull(get("fresh"), "nothing of the refused transaction was applied");
    }

    @Test
    default void badInputAndReadOnlyTransactionsChangeNothing() {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            assertThrows(InvalidArgumentException.class, () -> tx.putAllIfAbsent(values("a", "b"), values("1")));
            assertThrows(InvalidArgumentException.class,
                    () -> tx.putAllIfAbsent(List.of(bytes("ok"), new byte[0]), values("1", "2")));
            assertEquals(List.of(), tx.putAllIfAbsent(List.of(), List.of()));
            tx.commit();
        }
        assertEquals(List.of(), allKeys());
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            assertThrows(ReadOnlyException.class, () -> tx.putAllIfAbsent(values("a"), values("1")));
        }
        assertNull(get("a"));
    }

    @Test
    default void asTheFirstOperationOfADeferredBeginItSeesEveryEarlierCommit() {
        long before = put("a", "1");
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            assertEquals("1", text(tx.putAllIfAbsent(values("a"), values("2")).get(0)));
            assertTrue(tx.snapshotSequence() >= before);
            assertTrue(tx.commit() >= before);
        }
        assertEquals("1", get("a"));
    }
}
