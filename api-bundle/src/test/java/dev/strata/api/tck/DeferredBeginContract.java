package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.keys;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import dev.strata.api.ConflictException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/**
 * {@link dev.strata.api.spi.StorageEngine#beginDeferred}, the begin of core's single-call writes: its snapshot may be
 * taken as late as its first operation, never later, and from then on it is an ordinary transaction of its level (one
 * snapshot for every read, first committer wins, serializable read checks). Each case makes the first operation a
 * different one, since an engine that defers the begin sends it with whichever comes first.
 */
public interface DeferredBeginContract extends EngineContract {

    @Test
    default void seesEveryCommitAcknowledgedBeforeItBegan() {
        long before = put("a", "1");
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            assertEquals("1", text(tx.getAll(List.of(bytes("a"))).get(0)));
            assertTrue(tx.snapshotSequence() >= before, "the snapshot includes the commit acknowledged before begin");
        }
    }

    @Test
    default void itsFirstReadFixesTheSnapshotForEveryLaterRead() {
        put("a", "1");
        put("b", "1");
        try (EngineTransaction reader = engine().beginDeferred(TransactionMode.READ_ONLY, IsolationLevel.SNAPSHOT)) {
            assertEquals("1", text(reader.getAll(List.of(bytes("a"), bytes("zz"))).get(0)), "the first read");
            long snapshot = reader.snapshotSequence();
            long later = commitAfterwards();
            assertTrue(later > snapshot, "a commit after the first read is numbered above the snapshot");
            assertEquals(snapshot, reader.snapshotSequence(), "the snapshot does not move");
            assertEquals("1", text(reader.get(bytes("a"))));
            assertEquals("1", text(reader.get(bytes("b"))));
            assertNull(reader.get(bytes("c")));
            assertEquals(List.of("a", "b"), keys(reader, KeyRange.ALL, false));
        }
        assertEquals("2", get("a"));
    }

    @Test
    default void aSnapshotSequenceAskedFirstFixesTheSnapshotToo() {
        put("a", "1");
        try (EngineTransaction reader = engine().beginDeferred(TransactionMode.READ_ONLY, IsolationLevel.SNAPSHOT)) {
            long snapshot = reader.snapshotSequence();
            commitAfterwards();
            assertEquals("1", text(reader.get(bytes("a"))), "the snapshot numbered before the commit");
            assertEquals(List.of("a"), keys(reader, KeyRange.ALL, false));
            assertEquals(snapshot, reader.snapshotSequence());
        }
    }

    @Test
    default void aCursorFirstFixesTheSnapshotToo() {
        put("a", "1");
        put("b", "1");
        try (EngineTransaction reader = engine().beginDeferred(TransactionMode.READ_ONLY, IsolationLevel.SNAPSHOT)) {
            assertEquals(List.of("a", "b"), keys(reader, KeyRange.ALL, false));
            commitAfterwards();
            assertEquals("1", text(reader.get(bytes("a"))));
            assertEquals(List.of("b", "a"), keys(reader, KeyRange.ALL, true));
        }
    }

    /** Core's single-call write: read the key's current record, then write it; a commit in between must conflict. */
    @Test
    default void aWriteAfterItsFirstReadConflictsWithACommitInBetween() {
        put("counter", "0");
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            assertEquals("0", text(tx.getAll(List.of(bytes("counter"))).get(0)));
            put("counter", "other");
            tx.put(bytes("counter"), bytes("mine"));
            tx.put(bytes("extra"), bytes("mine"));
            assertThrows(ConflictException.class, tx::commit);
        }
        assertEquals("other", get("counter"));
        assertNull(get("extra"), "a conflicting transaction applies nothing");
    }

    @Test
    default void aDeleteFirstReadsAndConflictsLikeAnyWrite() {
        put("a", "1");
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            assertTrue(tx.delete(bytes("a")), "the delete saw the key");
            put("a", "2");
            assertThrows(ConflictException.class, tx::commit);
        }
        assertEquals("2", get("a"));
    }

    @Test
    default void writesWithoutAReadCommitWholeAndNumbered() {
        long before = put("a", "1");
        long sequence;
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            tx.put(bytes("a"), bytes("2"));
            tx.put(bytes("b"), bytes("2"));
            sequence = tx.commit();
        }
        assertTrue(sequence > before, "numbered above every earlier commit");
        assertEquals("2", get("a"));
        assertEquals("2", get("b"));
        try (EngineTransaction empty = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SNAPSHOT)) {
            assertTrue(empty.commit() >= sequence, "an empty commit answers its snapshot, which includes the last");
        }
    }

    @Test
    default void aReadOnlyOneRefusesWrites() {
        try (EngineTransaction tx = engine().beginDeferred(TransactionMode.READ_ONLY, IsolationLevel.SNAPSHOT)) {
            assertThrows(ReadOnlyException.class, () -> tx.put(bytes("a"), bytes("1")));
        }
        assertNull(get("a"));
    }

    @Test
    default void serializableOnesRefuseWriteSkew() {
        assumeTrue(fixture().backend().capabilities().supports(IsolationLevel.SERIALIZABLE),
                "backend does not declare serializable isolation");
        put("oncall.alice", "yes");
        put("oncall.bob", "yes");
        EngineTransaction alice = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SERIALIZABLE);
        EngineTransaction bob = engine().beginDeferred(TransactionMode.READ_WRITE, IsolationLevel.SERIALIZABLE);
        int committed = 0;
        try (alice; bob) {
            assertEquals(IsolationLevel.SERIALIZABLE, alice.isolation());
            for (EngineTransaction doctor : List.of(alice, bob)) {
                List<byte[]> both = doctor.getAll(List.of(bytes("oncall.alice"), bytes("oncall.bob")));
                assertEquals(2, both.stream().filter(v -> "yes".equals(text(v))).count());
            }
            alice.put(bytes("oncall.alice"), bytes("no"));
            bob.put(bytes("oncall.bob"), bytes("no"));
            for (EngineTransaction doctor : List.of(alice, bob)) {
                try {
                    doctor.commit();
                    committed++;
                } catch (ConflictException expected) {
                    // the second read a state the first one's commit changed
                }
            }
        }
        assertEquals(1, committed, "exactly one doctor may go off call");
    }

    /** Commits a = 2 and a new key c in another transaction; returns its number. */
    private long commitAfterwards() {
        try (EngineTransaction writer = engine().begin(TransactionMode.READ_WRITE)) {
            writer.put(bytes("a"), bytes("2"));
            writer.put(bytes("c"), bytes("2"));
            return writer.commit();
        }
    }
}
