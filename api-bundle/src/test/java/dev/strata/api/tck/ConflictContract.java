package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.Test;

/**
 * Every shape of write-write conflict (see {@code EngineTransaction}: a delete is always a write). In each case two
 * transactions overlap in time and write one key; the first commit wins and the second fails with
 * {@link ConflictException}, whose message names the key, and applies nothing at all.
 */
public interface ConflictContract extends EngineContract {

    /**
     * Runs {@code loser}'s writes in a transaction begun before {@code winner} commits its writes, and checks that
     * the loser's commit conflicts and changes nothing.
     */
    private void assertSecondCommitConflicts(String key, Consumer<EngineTransaction> winner,
            Consumer<EngineTransaction> loser, String shape) {
        EngineTransaction second = engine().begin(TransactionMode.READ_WRITE);
        try (second) {
            try (EngineTransaction first = engine().begin(TransactionMode.READ_WRITE)) {
                winner.accept(first);
                first.commit();
            }
            List<String> before = allKeys();
            String valueBefore = get(key);
            loser.accept(second);
            second.put(bytes("witness." + shape), bytes("must not appear"));
            ConflictException conflict = assertThrows(ConflictException.class, second::commit,
                    shape + ": the second transaction to write '" + key + "' committed");
            assertTrue(conflict.getMessage().contains(key), shape + ": the conflict message names the key '" + key
                    + "': " + conflict.getMessage());
            assertEquals(before, allKeys(), shape + ": the conflicting transaction changed the key set");
            assertEquals(valueBefore, get(key), shape + ": the conflicting transaction changed '" + key + "'");
        }
    }

    @Test
    default void aWriteAfterAConcurrentCommittedDeleteConflicts() {
        put("k", "v");
        assertSecondCommitConflicts("k", tx -> tx.delete(bytes("k")), tx -> tx.put(bytes("k"), bytes("late")),
                "write after committed delete");
    }

    @Test
    default void aDeleteAfterAConcurrentCommittedWriteConflicts() {
        put("k", "v");
        assertSecondCommitConflicts("k", tx -> tx.put(bytes("k"), bytes("won")), tx -> tx.delete(bytes("k")),
                "delete after committed write");
    }

    @Test
    default void twoDeletesOfOneKeyConflict() {
        put("k", "v");
        assertSecondCommitConflicts("k", tx -> tx.delete(bytes("k")), tx -> tx.delete(bytes("k")), "delete+delete");
    }

    @Test
    default void twoInsertsOfAKeyAbsentAtTheSnapshotConflict() {
        assertSecondCommitConflicts("new", tx -> tx.put(bytes("new"), bytes("first")),
                tx -> tx.put(bytes("new"), bytes("second")), "insert+insert");
        assertEquals("first", get("new"));
    }

    @Test
    default void aDeleteOfAnAbsentKeyIsAWriteThatConflicts() {
        assertSecondCommitConflicts("ghost", tx -> tx.put(bytes("ghost"), bytes("inserted")), tx -> {
            assertFalse(tx.delete(bytes("ghost")), "the key is absent in the deleting transaction's snapshot");
        }, "delete of an absent key after a concurrent insert");
        assertSecondCommitConflicts("ghost2", tx -> tx.delete(bytes("ghost2")),
                tx -> tx.put(bytes("ghost2"), bytes("x")), "insert after a concurrent delete of an absent key");
        assertNull(get("ghost2"));
    }

    @Test
    default void anInsertDeletedAgainInTheSameTransactionIsStillAWrite() {
        assertSecondCommitConflicts("flash", tx -> tx.put(bytes("flash"), bytes("kept")), tx -> {
            tx.put(bytes("flash"), bytes("gone again"));
            assertTrue(tx.delete(bytes("flash")));
        }, "insert then delete in one transaction");
        assertEquals("kept", get("flash"));
    }

    @Test
    default void aConflictingKeyThatSortsAfterCleanOnesStopsTheWholeCommit() {
        put("z.contended", "0");
        assertSecondCommitConflicts("z.contended", tx -> tx.put(bytes("z.contended"), bytes("winner")), tx -> {
            for (int i = 0; i < 100; i++) {
                tx.put(bytes(String.format("a.clean.%03d", i)), bytes("loser"));
            }
            tx.put(bytes("z.contended"), bytes("loser"));
        }, "conflict on the last key");
        assertEquals(List.of("z.contended"), allKeys(), "none of the clean keys before the conflicting one applied");
    }

    @Test
    default void conflictsAreDetectedAcrossACheckpointAndACompaction() {
        put("k", "0");
        assertSecondCommitConflicts("k", tx -> {
            tx.put(bytes("k"), bytes("1"));
        }, tx -> {
            tx.put(bytes("k"), bytes("2"));
            engine().checkpoint();
            engine().compact();
        }, "write, then a checkpoint and a compaction, then commit");
        EngineTransaction late = engine().begin(TransactionMode.READ_WRITE);
        try (late) {
            put("k", "3");
            for (int i = 0; i < 2_000; i++) {
                put("filler." + i, "x"); // enough to flush small memory tables and roll small logs
            }
            engine().checkpoint();
            engine().compact();
            late.put(bytes("k"), bytes("4"));
            assertThrows(ConflictException.class, late::commit,
                    "a write to 'k' committed after this transaction began, before a checkpoint and a compaction");
        }
        assertEquals("3", get("k"));
    }
}
