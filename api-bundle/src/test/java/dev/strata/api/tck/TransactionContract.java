package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.keys;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import dev.strata.api.ConflictException;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/** Atomic commit, rollback, snapshot reads, first-committer-wins conflicts and read-only refusal. */
public interface TransactionContract extends EngineContract {

    @Test
    default void commitAppliesEveryWriteAtOnce() {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("a"), bytes("1"));
            tx.put(bytes("b"), bytes("2"));
            assertNull(get("a"), "uncommitted writes are invisible to others");
            tx.commit();
        }
        assertEquals("1", get("a"));
        assertEquals("2", get("b"));
    }

    @Test
    default void abortAndCloseDiscardWrites() {
        put("a", "before");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("a"), bytes("after"));
            tx.put(bytes("b"), bytes("new"));
            tx.abort();
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.delete(bytes("a"));
            // closed without commit
        }
        assertEquals("before", get("a"));
        assertNull(get("b"));
    }

    @Test
    default void readsYourOwnWrites() {
        put("a", "old");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("a"), bytes("new"));
            assertEquals("new", text(tx.get(bytes("a"))));
            tx.delete(bytes("a"));
            assertNull(tx.get(bytes("a")));
            tx.put(bytes("a"), bytes("again"));
            assertEquals("again", text(tx.get(bytes("a"))));
            tx.commit();
        }
        assertEquals("again", get("a"));
    }

    @Test
    default void readsComeFromTheSnapshotTakenAtBegin() {
        put("a", "1");
        put("b", "1");
        try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
            try (EngineTransaction writer = engine().begin(TransactionMode.READ_WRITE)) {
                writer.put(bytes("a"), bytes("2"));
                writer.delete(bytes("b"));
                writer.put(bytes("c"), bytes("2"));
                writer.commit();
            }
            assertEquals("1", text(reader.get(bytes("a"))));
            assertEquals("1", text(reader.get(bytes("b"))));
            assertNull(reader.get(bytes("c")));
            assertEquals(List.of("a", "b"), keys(reader, KeyRange.ALL, false));
        }
        assertEquals("2", get("a"));
        assertEquals(List.of("a", "c"), allKeys());
    }

    @Test
    default void writeWriteConflictFailsTheLaterCommitter() {
        put("counter", "0");
        EngineTransaction first = engine().begin(TransactionMode.READ_WRITE);
        EngineTransaction second = engine().begin(TransactionMode.READ_WRITE);
        try (first; second) {
            first.put(bytes("counter"), bytes("first"));
            second.put(bytes("counter"), bytes("second"));
            second.put(bytes("other"), bytes("second"));
            first.commit();
            assertThrows(ConflictException.class, second::commit);
        }
        assertEquals("first", get("counter"));
        assertNull(get("other"), "a conflicting transaction applies nothing");
    }

    @Test
    default void deleteConflictsWithAConcurrentWrite() {
        put("k", "v");
        EngineTransaction deleter = engine().begin(TransactionMode.READ_WRITE);
        EngineTransaction writer = engine().begin(TransactionMode.READ_WRITE);
        try (deleter; writer) {
            deleter.delete(bytes("k"));
            writer.put(bytes("k"), bytes("w"));
            writer.commit();
            assertThrows(ConflictException.class, deleter::commit);
        }
        assertEquals("w", get("k"));
    }

    @Test
    default void disjointWritesBothCommit() {
        EngineTransaction one = engine().begin(TransactionMode.READ_WRITE);
        EngineTransaction two = engine().begin(TransactionMode.READ_WRITE);
        try (one; two) {
            one.put(bytes("x"), bytes("1"));
            two.put(bytes("y"), bytes("2"));
            one.commit();
            two.commit();
        }
        assertEquals("1", get("x"));
        assertEquals("2", get("y"));
    }

    @Test
    default void readOnlyTransactionRefusesWritesAndChangesNothing() {
        put("a", "1");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            assertEquals(TransactionMode.READ_ONLY, tx.mode());
            assertThrows(ReadOnlyException.class, () -> tx.put(bytes("a"), bytes("2")));
            assertThrows(ReadOnlyException.class, () -> tx.put(bytes("b"), bytes("2")));
            assertThrows(ReadOnlyException.class, () -> tx.delete(bytes("a")));
            assertEquals("1", text(tx.get(bytes("a"))));
            tx.commit();
        }
        assertEquals("1", get("a"));
        assertEquals(List.of("a"), allKeys());
    }

    @Test
    default void aFinishedTransactionCannotBeUsed() {
        EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE);
        tx.put(bytes("a"), bytes("1"));
        tx.commit();
        assertThrows(IllegalStateException.class, () -> tx.put(bytes("b"), bytes("2")));
        assertThrows(IllegalStateException.class, () -> tx.get(bytes("a")));
        assertThrows(IllegalStateException.class, tx::commit);
        tx.abort();
        tx.close();
        assertNull(get("b"));
        assertEquals("1", get("a"));
    }
}
