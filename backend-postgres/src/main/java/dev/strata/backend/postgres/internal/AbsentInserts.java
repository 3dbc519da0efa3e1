package dev.strata.backend.postgres.internal;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.strata.api.spi.ByteKeys;

/**
 * {@link PostgresTransaction#putAllIfAbsent}: the keys the transaction holds writes for are answered from its
 * {@link WriteSet}; the others go to the server in key order (the lock order of every writer), as
 * {@link StoreTables#insertAbsent} statements of at most {@link PostgresTransaction#FLUSH_ROWS} rows or about
 * {@link PostgresTransaction#FLUSH_BYTES}, the first of them carrying the snapshot query when the snapshot is not taken
 * yet. So a batch of new keys costs its upsert and nothing more: no separate read of their previous rows.
 * <p>
 * A key the statement returns was there: its row is left as it was and its value (when not a deleted key's null) is
 * the answer. A key it does not return was inserted. Nothing else can happen at this engine's isolation levels
 * (REPEATABLE READ and SERIALIZABLE): when the conflicting row is one the snapshot does not see (committed after it, or
 * by a transaction still running that then commits) PostgreSQL fails the insert with SQLSTATE 40001 instead of
 * skipping the key, which the transaction reports as a conflict. A key whose row is a deleted key's is absent: its
 * value is held like a {@code put} and upserted at commit. Rows inserted here stay locked until the transaction
 * ends, as the rows of an early flush do.
 */
final class AbsentInserts {

    private final TransactionSnapshot snapshot;
    private final StoreTables tables;
    private final WriteSet writes;
    /** Told the keys of each statement before it is sent (to name them if the server refuses it), then none. */
    private final Consumer<List<byte[]>> sending;
    private int held;
    private boolean inserted;

    AbsentInserts(TransactionSnapshot snapshot, StoreTables tables, WriteSet writes, Consumer<List<byte[]>> sending) {
        this.snapshot = snapshot;
        this.tables = tables;
        this.writes = writes;
        this.sending = sending;
    }

    /** How many puts the last {@link #run} added to the write set (counted towards its early flush). */
    int held() {
        return held;
    }

    /** Whether the last {@link #run} inserted a row on the server. */
    boolean inserted() {
        return inserted;
    }

    /** @return one slot per key: the current value of a key that was present, {@code null} for a key written */
    List<byte[]> run(List<byte[]> keys, List<byte[]> values) throws SQLException {
        ByteKeys.checkBatch(keys, values, "putAllIfAbsent");
        held = 0;
        byte[][] current = new byte[keys.size()][];
        Slot[] toServer = new Slot[keys.size()];
        int count = 0;
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            if (!writes.contains(key)) {
                toServer[count++] = new Slot(key, values.get(i), i);
            } else if ((current[i] = writes.value(key)) == null) {
                hold(key, values.get(i)); // deleted in this transaction: absent
            }
        }
        // key order: the lock order of every writer (slots, not boxed indexes: the sort compares keys directly)
        Arrays.sort(toServer, 0, count, (a, b) -> ByteKeys.ORDER.compare(a.key, b.key));
        int start = 0;
        while (start < count) {
            int end = StatementChunks.end(start, count, i -> toServer[i].key.length + toServer[i].value.length);
            send(toServer, start, end, current);
            start = end;
        }
        return Arrays.asList(current);
    }

    private void send(Slot[] slots, int from, int to, byte[][] current) throws SQLException {
        byte[][] chunkKeys = new byte[to - from][];
        byte[][] chunkValues = new byte[to - from][];
        for (int i = from; i < to; i++) {
            chunkKeys[i - from] = slots[i].key;
            chunkValues[i - from] = slots[i].value;
        }
        sending.accept(Arrays.asList(chunkKeys));
        Map<ByteKey, byte[]> present = snapshot.query(tables.insertAbsent(), statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("bytea", chunkKeys));
            statement.setArray(2, statement.getConnection().createArrayOf("bytea", chunkValues));
        }, rows -> ByteKey.readRows(rows, new HashMap<>()));
        sending.accept(List.of());
        inserted |= present.size() < chunkKeys.length;
        if (present.isEmpty()) {
            return; // every key was new and is written
        }
        for (int i = from; i < to; i++) {
            ByteKey key = new ByteKey(slots[i].key);
            if (present.containsKey(key) && (current[slots[i].index] = present.get(key)) == null) {
                hold(slots[i].key, slots[i].value); // a deleted key's row: absent, so written
            }
        }
    }

    private void hold(byte[] key, byte[] value) {
        writes.put(key, value);
        held++;
    }

    /** A key going to the server, its value and its place in the caller's batch. */
    private record Slot(byte[] key, byte[] value, int index) {
    }
}
