package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.Test;

/**
 * Commit sequences: every commit gets a number above every earlier one, a snapshot says which commits it sees, and
 * a persistent store keeps counting across a reopen (a backup's manifest names the state it holds by this number).
 */
public interface SequenceContract extends EngineContract {

    @Test
    default void commitSequencesGrowAndSnapshotsNameTheNewestVisibleCommit() {
        long previous = -1;
        for (int i = 0; i < 20; i++) {
            long snapshot;
            long committed;
            try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
                snapshot = tx.snapshotSequence();
                tx.put(bytes("k" + (i % 3)), bytes("v" + i));
                committed = tx.commit();
            }
            assertTrue(committed > snapshot, "commit " + i + " got sequence " + committed
                    + ", not above its snapshot's " + snapshot);
            assertTrue(committed > previous, "commit " + i + " got sequence " + committed
                    + ", not above the previous commit's " + previous);
            try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
                assertEquals(committed, reader.snapshotSequence(),
                        "a snapshot taken right after commit " + i + " must name it as the newest visible commit");
            }
            previous = committed;
        }
    }

    @Test
    default void aTransactionThatWritesNothingReturnsItsSnapshotSequence() {
        put("a", "1");
        try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
            long snapshot = reader.snapshotSequence();
            assertEquals(snapshot, reader.commit(), "a read-only commit returns its snapshot's sequence");
        }
        try (EngineTransaction idle = engine().begin(TransactionMode.READ_WRITE)) {
            long snapshot = idle.snapshotSequence();
            idle.get(bytes("a"));
            assertEquals(snapshot, idle.commit(), "a read-write transaction without writes returns its snapshot's sequence");
        }
    }

    @Test
    default void aSnapshotKeepsItsSequenceWhileOthersCommit() {
        put("a", "1");
        try (EngineTransaction old = engine().begin(TransactionMode.READ_ONLY)) {
            long before = old.snapshotSequence();
            long later = put("a", "2");
            assertTrue(later > before, "a commit after the snapshot is numbered above it");
            assertEquals(before, old.snapshotSequence(), "a snapshot's sequence does not move");
        }
    }

    @Test
    default void aConflictingCommitIsNotNumbered() {
        long base = put("a", "0");
        try (EngineTransaction first = engine().begin(TransactionMode.READ_WRITE);
             EngineTransaction second = engine().begin(TransactionMode.READ_WRITE)) {
            first.put(bytes("a"), bytes("1"));
            second.put(bytes("a"), bytes("2"));
            long won = first.commit();
            assertTrue(won > base);
            assertThrows(ConflictException.class, second::commit);
            try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
                assertEquals(won, reader.snapshotSequence(), "a refused commit must not become the newest visible one");
            }
            assertTrue(put("b", "x") > won);
        }
    }

    @Test
    default void aReopenedStoreKeepsCounting() {
        assumeTrue(fixture().persistent(), "backend is not persistent");
        long last = 0;
        for (int i = 0; i < 5; i++) {
            last = put("k" + i, "v");
        }
        fixture().reopen();
        try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
            assertEquals(last, reader.snapshotSequence(), "a reopened store's snapshot names the last commit before close");
        }
        long next = put("after", "reopen");
        assertTrue(next > last, "the first commit after reopen got " + next + ", not above " + last);
    }
}
