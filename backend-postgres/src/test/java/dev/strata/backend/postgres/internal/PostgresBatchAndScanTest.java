package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.strata.api.ConflictException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/**
 * What the conformance kit's small data sets do not reach: the commit that sends its last batch, its number and
 * {@code COMMIT} in one round trip (all or nothing, also when the number cannot be taken), batches larger than one
 * upsert, and cursors over many keyset pages (growing pages, fetch sizes that follow the rows' size) merged with
 * held writes, in both directions.
 */
class PostgresBatchAndScanTest extends ServerEngineTest {

    PostgresBatchAndScanTest() {
        super("batch");
    }

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(int i, int size) {
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) i);
        value[0] = (byte) (i >>> 8);
        return value;
    }

    /**
     * The number is taken in the same round trip as the last batch and COMMIT: when it cannot be taken, none of the
     * writes commit. A store unregistered before the transaction began has no row to lock (the number is NULL and the
     * insert fails); one unregistered after it began is a row deleted after the snapshot (40001, a conflict).
     */
    @Test
    void aCommitWhoseNumberCannotBeTakenCommitsNoneOfItsWrites() throws SQLException {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(key(1), value(1, 10));
            tx.commit();
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(key(1), value(2, 10));
            tx.put(key(2), value(2, 10));
            unregister();
            assertThrows(ConflictException.class, tx::commit);
        }
        reregister();
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(key(1), value(3, 10));
            tx.put(key(3), value(3, 10));
            tx.commit();
        }
        unregister();
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(key(1), value(4, 10));
            tx.put(key(4), value(4, 10));
            StorageException refused = assertThrows(StorageException.class, tx::commit);
            assertTrue(refused.getMessage().contains("no longer registered"), refused.getMessage());
        }
        try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
            assertArrayEquals(value(3, 10), reader.get(key(1)), "the refused commits left the last committed value");
            assertNull(reader.get(key(2)), "the first refused commit wrote nothing");
            assertArrayEquals(value(3, 10), reader.get(key(3)));
            assertNull(reader.get(key(4)), "the second refused commit wrote nothing");
        }
    }

    private void unregister() throws SQLException {
        try (Connection connection = TestServer.connect(); PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM \"" + schema() + "\".strata_stores WHERE name = ?")) {
            statement.setString(1, fixture.config().storeName());
            assertEquals(1, statement.executeUpdate());
        }
    }

    private void reregister() throws SQLException {
        try (Connection connection = TestServer.connect(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO \"" + schema() + "\".strata_stores (name, data_table) VALUES (?, ?)")) {
            statement.setString(1, fixture.config().storeName());
            statement.setString(2, "kv_" + fixture.config().storeName());
            assertEquals(1, statement.executeUpdate());
        }
    }

    /** All sent early (nothing held at commit), then sent early and the rest with the commit. */
    @Test
    void batchesLargerThanOneUpsertCommitWholeWithOneNumber() {
        int size = 8;
        for (int keys : new int[] {PostgresTransaction.FLUSH_ROWS, PostgresTransaction.FLUSH_ROWS + 1_500}) {
            size++;
            long before;
            try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
                before = tx.snapshotSequence();
            }
            long sequence;
            try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < keys; i++) {
                    tx.put(key(i), value(i, size));
                }
                sequence = tx.commit();
            }
            assertTrue(sequence > before);
            try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY)) {
                assertEquals(sequence, reader.snapshotSequence());
                assertEquals(keys, count(reader, KeyRange.ALL, false));
                assertArrayEquals(value(keys - 1, size), reader.get(key(keys - 1)));
                assertArrayEquals(value(0, size), reader.get(key(0)));
            }
        }
    }

    @Test
    void cursorsOverManyPagesMergeHeldWritesInBothDirections() {
        int keys = RangeCursor.FIRST_PAGE_ROWS + RangeCursor.FIRST_PAGE_ROWS * RangeCursor.PAGE_GROWTH
                + RangeCursor.MAX_PAGE_ROWS + 700;
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < keys; i += 2) {
                tx.put(key(i), value(i, 20));
            }
            tx.commit();
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            // held, not sent: the odd keys appear, every tenth even key is deleted
            for (int i = 1; i < keys; i += 2) {
                tx.put(key(i), value(i, 20));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                if (i % 20 == 0) {
                    tx.delete(key(i));
                } else {
                    expected.add(i);
                }
            }
            assertEquals(expected, indexes(tx, KeyRange.ALL, false));
            List<Integer> descending = new ArrayList<>(expected);
            java.util.Collections.reverse(descending);
            assertEquals(descending, indexes(tx, KeyRange.ALL, true));
            KeyRange middle = new KeyRange(key(300), key(keys - 300));
            assertEquals(expected.stream().filter(i -> i >= 300 && i < keys - 300).toList(), indexes(tx, middle, false));
        }
    }

    @Test
    void largeRowsShrinkTheFetchAndStillReadEveryRow() {
        int rows = 40;
        int size = 1 << 20;
        for (int i = 0; i < rows; i += 10) {
            try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
                for (int j = i; j < i + 10; j++) {
                    tx.put(key(j), value(j, size));
                }
                tx.commit();
            }
        }
        try (EngineTransaction reader = engine().begin(TransactionMode.READ_ONLY);
                EngineCursor cursor = reader.cursor(KeyRange.ALL, false)) {
            int i = 0;
            while (cursor.next()) {
                assertArrayEquals(key(i), cursor.key());
                assertArrayEquals(value(i, size), cursor.value());
                i++;
            }
            assertEquals(rows, i);
        }
        assertEquals(4, RangeCursor.fetchRows(RangeCursor.FIRST_PAGE_ROWS, size));
        assertEquals(3, RangeCursor.fetchRows(RangeCursor.FIRST_PAGE_ROWS, size + 7));
        assertEquals(RangeCursor.FIRST_FETCH_ROWS, RangeCursor.fetchRows(RangeCursor.FIRST_PAGE_ROWS, 0));
        assertEquals(RangeCursor.MAX_PAGE_ROWS + 1, RangeCursor.fetchRows(RangeCursor.MAX_PAGE_ROWS, 120));
        assertEquals(1, RangeCursor.fetchRows(RangeCursor.MAX_PAGE_ROWS, 64L << 20));
    }

    private static long count(EngineTransaction tx, KeyRange range, boolean reverse) {
        return indexes(tx, range, reverse).size();
    }

    /** The keys a cursor returns, as the numbers they were made from, after checking each value. */
    private static List<Integer> indexes(EngineTransaction tx, KeyRange range, boolean reverse) {
        List<Integer> found = new ArrayList<>();
        try (EngineCursor cursor = tx.cursor(range, reverse)) {
            while (cursor.next()) {
                int i = Integer.parseInt(new String(cursor.key(), StandardCharsets.US_ASCII).substring(1));
                byte[] value = cursor.value();
                assertEquals((byte) i, value[value.length - 1], "value of key " + i);
                found.add(i);
            }
        }
        return found;
    }
}
