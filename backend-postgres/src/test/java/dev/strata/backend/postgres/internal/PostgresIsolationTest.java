package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import dev.strata.api.ConflictException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/**
 * The races the conformance kit does not stage: writes of keys absent from both snapshots, deletes of absent keys,
 * range deletes, and write skew, which SNAPSHOT allows and SERIALIZABLE refuses. In every write-write race the later
 * committer gets {@link ConflictException} and nothing of it is applied: never a silent overwrite.
 */
class PostgresIsolationTest extends ServerEngineTest {

    PostgresIsolationTest() {
        super("iso");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String read(String key) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            byte[] value = tx.get(bytes(key));
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    private void write(String key, String value) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes(key), bytes(value));
            tx.commit();
        }
    }

    @Test
    void twoInsertsOfAnAbsentKeyConflict() {
        try (EngineTransaction first = engine().begin(TransactionMode.READ_WRITE);
             EngineTransaction second = engine().begin(TransactionMode.READ_WRITE)) {
            first.put(bytes("new"), bytes("first"));
            second.put(bytes("new"), bytes("second"));
            second.put(bytes("side"), bytes("second"));
            first.commit();
            assertThrows(ConflictException.class, second::commit);
        }
        assertEquals("first", read("new"));
        assertNull(read("side"), "the refused transaction applied nothing");
    }

    @Test
    void deletingAnAbsentKeyConflictsWithAnInsertThatCommittedFirst() {
        try (EngineTransaction deleter = engine().begin(TransactionMode.READ_WRITE);
             EngineTransaction inserter = engine().begin(TransactionMode.READ_WRITE)) {
            assertFalse(deleter.delete(bytes("k")));
            inserter.put(bytes("k"), bytes("v"));
            inserter.commit();
            assertThrows(ConflictException.class, deleter::commit);
        }
        assertEquals("v", read("k"));
    }

    @Test
    void anInsertConflictsWithADeleteOfTheAbsentKeyThatCommittedFirst() {
        try (EngineTransaction deleter = engine().begin(TransactionMode.READ_WRITE);
             EngineTransaction inserter = engine().begin(TransactionMode.READ_WRITE)) {
            assertFalse(deleter.delete(bytes("k")));
            inserter.put(bytes("k"), bytes("v"));
            deleter.commit();
            assertThrows(ConflictException.class, inserter::commit);
        }
        assertNull(read("k"));
    }

    @Test
    void aDeleteConflictsWithAnOverwriteThatCommittedFirst() {
        write("k", "0");
        try (EngineTransaction deleter = engine().begin(TransactionMode.READ_WRITE);
             EngineTransaction writer = engine().begin(TransactionMode.READ_WRITE)) {
            writer.put(bytes("k"), bytes("1"));
            deleter.delete(bytes("k"));
            writer.commit();
            assertThrows(ConflictException.class, deleter::commit);
        }
        assertEquals("1", read("k"));
    }

    @Test
    void aRangeDeleteConflictsWithAWriteInsideTheRange() {
        write("r1", "a");
        write("r2", "b");
        try (EngineTransaction ranger = engine().begin(TransactionMode.READ_WRITE);
             EngineTransaction writer = engine().begin(TransactionMode.READ_WRITE)) {
            writer.put(bytes("r2"), bytes("changed"));
            writer.commit();
            assertThrows(ConflictException.class, () -> {
                ranger.deleteRange(KeyRange.prefix(bytes("r")));
                ranger.commit();
            });
        }
        assertEquals("a", read("r1"));
        assertEquals("changed", read("r2"));
    }

    @Test
    void aKeyDeletedAndCompactedAwayStillConflictsWithAnOlderWriter() {
        write("k", "0");
        try (EngineTransaction old = engine().begin(TransactionMode.READ_WRITE)) {
            try (EngineTransaction deleter = engine().begin(TransactionMode.READ_WRITE)) {
                deleter.delete(bytes("k"));
                deleter.commit();
            }
            engine().compact(); // must keep the deleted row: the old transaction has not seen the delete
            old.put(bytes("k"), bytes("old"));
            assertThrows(ConflictException.class, old::commit);
        }
        assertNull(read("k"));
        engine().compact(); // now nobody needs it
        write("k", "again");
        assertEquals("again", read("k"));
    }

    @Test
    void writeSkewIsAllowedUnderSnapshotAndRefusedUnderSerializable() {
        assertEquals(2, skew(IsolationLevel.SNAPSHOT, "snap"), "snapshot isolation lets both commit (write skew)");
        assertEquals(1, skew(IsolationLevel.SERIALIZABLE, "ser"), "serializable lets only one commit");
    }

    /** Two on-call doctors; each transaction goes off call if the other is on call. Returns the commits. */
    private int skew(IsolationLevel level, String prefix) {
        write(prefix + ".alice", "on");
        write(prefix + ".bob", "on");
        int committed = 0;
        try (EngineTransaction alice = engine().begin(TransactionMode.READ_WRITE, level);
             EngineTransaction bob = engine().begin(TransactionMode.READ_WRITE, level)) {
            assertEquals(level, alice.isolation());
            assertEquals("on", new String(alice.get(bytes(prefix + ".bob")), StandardCharsets.UTF_8));
            assertEquals("on", new String(bob.get(bytes(prefix + ".alice")), StandardCharsets.UTF_8));
            alice.put(bytes(prefix + ".alice"), bytes("off"));
            bob.put(bytes(prefix + ".bob"), bytes("off"));
            for (EngineTransaction tx : new EngineTransaction[] {alice, bob}) {
                try {
                    tx.commit();
                    committed++;
                } catch (ConflictException refused) {
                    // the serializable check
                }
            }
        }
        return committed;
    }

    @Test
    void readCommittedIsServedAtSnapshotSoNoUpdateIsLost() {
        write("counter", "0");
        try (EngineTransaction one = engine().begin(TransactionMode.READ_WRITE, IsolationLevel.READ_COMMITTED);
             EngineTransaction two = engine().begin(TransactionMode.READ_WRITE, IsolationLevel.READ_COMMITTED)) {
            assertEquals(IsolationLevel.SNAPSHOT, one.isolation());
            one.get(bytes("counter"));
            two.get(bytes("counter"));
            one.put(bytes("counter"), bytes("1"));
            two.put(bytes("counter"), bytes("1"));
            one.commit();
            assertThrows(ConflictException.class, two::commit);
        }
    }
}
