package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/**
 * {@link dev.strata.api.spi.StorageEngine#get(byte[])}, the one-shot read core serves {@code Store.get} with: the
 * newest committed value, every acknowledged commit included, never a write of a transaction still open (held in the
 * client or already sent to the engine's storage), and it leaves open transactions' snapshots alone.
 */
public interface OneShotReadContract extends EngineContract {

    @Test
    default void readsTheNewestCommittedValue() {
        assertNull(engine().get(bytes("a")), "absent");
        put("a", "1");
        assertEquals("1", text(engine().get(bytes("a"))));
        put("a", "2");
        assertEquals("2", text(engine().get(bytes("a"))), "the commit acknowledged before the read");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.delete(bytes("a"));
            tx.commit();
        }
        assertNull(engine().get(bytes("a")), "deleted");
    }

    @Test
    default void neverSeesAnOpenTransactionsWrites() {
        put("a", "old");
        put("x", "doomed");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("a"), bytes("new"));
            tx.put(bytes("b"), bytes("new"));
            assertEquals("old", text(engine().get(bytes("a"))), "a held write");
            // a range delete makes engines that hold writes send them to their storage, still uncommitted
            tx.deleteRange(new KeyRange(bytes("x"), bytes("y")));
            assertEquals("old", text(engine().get(bytes("a"))), "a write sent but not committed");
            assertNull(engine().get(bytes("b")));
            assertEquals("doomed", text(engine().get(bytes("x"))), "a range delete not committed");
            tx.commit();
        }
        assertEquals("new", text(engine().get(bytes("a"))));
        assertEquals("new", text(engine().get(bytes("b"))));
        assertNull(engine().get(bytes("x")));
    }

    @Test
    default void leavesAnOpenSnapshotAlone() {
        put("a", "1");
        try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
            assertEquals("1", text(reader.get(bytes("a"))));
            put("a", "2");
            assertEquals("2", text(engine().get(bytes("a"))), "the one-shot read sees the new commit");
            assertEquals("1", text(reader.get(bytes("a"))), "the transaction still reads its snapshot");
        }
        try (EngineTransaction rolledBack = engine().begin(TransactionMode.READ_WRITE)) {
            rolledBack.put(bytes("a"), bytes("3"));
            rolledBack.abort();
        }
        assertEquals("2", text(engine().get(bytes("a"))), "a rolled-back write never shows");
    }

    @Test
    default void refusesAnInvalidKey() {
        assertThrows(InvalidArgumentException.class, () -> engine().get(new byte[0]));
        assertThrows(InvalidArgumentException.class, () -> engine().get(null));
    }
}
