package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.IsolationLevel;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

/**
 * One database transaction on one pooled connection, begun by {@link PostgresEngine#begin} at REPEATABLE READ or
 * SERIALIZABLE with its snapshot already taken, or by {@link PostgresEngine#beginDeferred} with the snapshot taken
 * by its first operation ({@link TransactionSnapshot}: a first read carries it in its own round trip). Reads go to
 * the server (through the writes held here); writes are held in a {@link WriteSet} and sent at commit as batched
 * upserts, in key order (new keys of {@link #putAllIfAbsent} go at once). PostgreSQL refuses, with SQLSTATE 40001,
 * an upsert of a row that a transaction committed after this snapshot (or that one still committing writes, once it
 * commits): first committer wins, and because deletes are rows too, it covers every mix of puts and deletes, of
 * present and absent keys.
 */
final class PostgresTransaction implements EngineTransaction {

    /** Held writes beyond this are sent early (their rows stay locked to the end); no statement carries more. */
    static final long FLUSH_BYTES = 32L << 20;
    static final int FLUSH_ROWS = 50_000;
    private static final int GET_ALL_CHUNK = 1_000;

    private final PostgresEngine engine;
    private final StoreTables tables;
    /** The connection and snapshot; every statement goes through it, the first one taking the snapshot. */
    private final TransactionSnapshot snapshot;
    private final TransactionMode mode;
    private final IsolationLevel isolation;
    private final WriteSet writes = new WriteSet();
    /** The keys of the statement being sent, to name them when the server refuses it. */
    private List<byte[]> sending = List.of();
    private int heldRows;
    private boolean sentWrites;
    private boolean finished;
    /** The last key a get read from the server and whether it was there, until a write: a delete's check reuses it. */
    private byte[] lastRead;
    private boolean lastReadPresent;

    PostgresTransaction(PostgresEngine engine, TransactionSnapshot snapshot, TransactionMode mode,
            IsolationLevel isolation) {
        this.engine = engine;
        this.tables = engine.tables();
        this.snapshot = snapshot;
        this.mode = mode;
        this.isolation = isolation;
    }

    @Override
    public TransactionMode mode() {
        return mode;
    }

    @Override
    public IsolationLevel isolation() {
        return isolation;
    }

    @Override
    public long snapshotSequence() {
        active();
        try {
            return snapshot.sequence();
        } catch (SQLException e) {
            throw fail("taking the snapshot", e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        ByteKeys.checkKey(key);
        active();
        if (writes.contains(key)) {
            return writes.value(key);
        }
        try {
            byte[] value = snapshot.query(tables.get(), statement -> statement.setBytes(1, key),
                    row -> row.next() ? row.getBytes(1) : null);
            lastRead = key.clone();
            lastReadPresent = value != null;
            return value;
        } catch (SQLException e) {
            throw fail("reading a key", e);
        }
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        active();
        Map<ByteKey, byte[]> found = new HashMap<>();
        List<byte[]> fromServer = new ArrayList<>();
        for (byte[] key : keys) {
            ByteKeys.checkKey(key);
            if (!writes.contains(key)) {
                fromServer.add(key);
            }
        }
        try {
            for (int start = 0; start < fromServer.size(); start += GET_ALL_CHUNK) {
                List<byte[]> chunk = fromServer.subList(start, Math.min(fromServer.size(), start + GET_ALL_CHUNK));
                byte[][] array = chunk.toArray(new byte[0][]);
                snapshot.query(tables.getAll(), statement -> statement.setArray(1,
                        statement.getConnection().createArrayOf("bytea", array)), rows -> ByteKey.readRows(rows, found));
            }
        } catch (SQLException e) {
            throw fail("reading keys", e);
        }
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            byte[] value = writes.contains(key) ? writes.value(key) : found.get(new ByteKey(key));
            values.add(value == null ? null : value.clone());
        }
        return values;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        writable("put");
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        lastRead = null;
        writes.put(key, value);
        heldRows++;
        flushIfLarge();
    }

    /** New keys go in with the read of the others ({@link AbsentInserts}), or after it for overwrites ({@link BatchShape}). */
    @Override
    public List<byte[]> putAllIfAbsent(List<byte[]> keys, List<byte[]> values) {
        writable("put");
        lastRead = null;
        List<byte[]> current;
        if (engine.batchShape().mostlyPresent()) {
            current = EngineTransaction.super.putAllIfAbsent(keys, values); // read, then hold the absent keys' puts
        } else {
            AbsentInserts inserts = new AbsentInserts(snapshot, tables, writes, sent -> sending = sent);
            try {
                current = inserts.run(keys, values);
            } catch (SQLException e) {
                throw fail("writing", e);
            }
            sentWrites |= inserts.inserted();
            heldRows += inserts.held();
            flushIfLarge();
        }
        engine.batchShape().observe(current);
        return current;
    }

    @Override
    public boolean delete(byte[] key) {
        writable("delete");
        ByteKeys.checkKey(key);
        boolean present = java.util.Arrays.equals(key, lastRead) ? lastReadPresent : get(key) != null;
        lastRead = null;
        writes.delete(key);
        heldRows++;
        flushIfLarge();
        return present;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        active();
        try {
            snapshot.take(); // the cursor's pages run in the snapshot
        } catch (SQLException e) {
            throw fail("taking the snapshot", e);
        }
        RangeCursor server = new RangeCursor(connection(), tables, range, reverse, e -> fail("scanning a range", e));
        return new MergedCursor(server, writes.inRange(range, reverse), reverse, engine::checkOpen);
    }

    /** One statement on the server for the whole range, after the held writes (which it then covers too). */
    @Override
    public long deleteRange(KeyRange range) {
        writable("delete");
        lastRead = null;
        try {
            flush(); // which takes the snapshot first
            try (PreparedStatement statement = connection().prepareStatement(
                    tables.deleteRange(range.lower() != null, range.upper() != null))) {
                int index = 1;
                if (range.lower() != null) {
                    statement.setBytes(index++, range.lower());
                }
                if (range.upper() != null) {
                    statement.setBytes(index, range.upper());
                }
                return statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw fail("deleting a range", e);
        }
    }

    /**
     * Sends the last batch of writes, the commit number and {@code COMMIT} in one round trip (the driver pipelines
     * {@link StoreTables#finishCommit}'s three statements): the server stops at the first error, so a refused write or
     * an unregistered store commits nothing. Only a connection lost in that round trip leaves the outcome unknown.
     */
    @Override
    public long commit() {
        active();
        finished = true;
        boolean commitSent = false;
        try {
            // the writes are judged against the snapshot, which must be taken before any of them is sent
            snapshot.take();
            if (writes.isEmpty() && !sentWrites) {
                connection().commit();
                return snapshot.sequence();
            }
            List<Map.Entry<byte[], byte[]>> last = flushAllButLastBatch();
            commitSent = true;
            long sequence = finishCommit(last);
            engine.committed(sequence);
            return sequence;
        } catch (SQLException e) {
            rollbackQuietly();
            if (commitSent && SqlErrors.isUnavailable(e)) {
                engine.map("committing", e); // tells the probe the server went away
                throw new StorageException("store '" + tables.store() + "': the connection to the server was lost while"
                        + " the commit was being confirmed; it may or may not have been applied", e);
            }
            if (commitSent && SqlErrors.NOT_NULL_VIOLATION.equals(SqlErrors.sqlState(e))) {
                throw new StorageException("store '" + tables.store() + "' is no longer registered in schema "
                        + tables.schemaName() + "; nothing was committed", e);
            }
            throw map("committing", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            release();
        }
    }

    /** The last batch (maybe empty), the commit number and COMMIT: one composite statement, 2nd result the number. */
    private long finishCommit(List<Map.Entry<byte[], byte[]>> batch) throws SQLException {
        boolean withWrites = !batch.isEmpty();
        try (PreparedStatement statement = connection().prepareStatement(tables.finishCommit(withWrites))) {
            int index = 1;
            if (withWrites) {
                index = bindBatch(statement, batch);
            }
            statement.setString(index, tables.store());
            statement.execute();
            if (withWrites) {
                statement.getMoreResults();
            }
            sending = List.of();
            try (ResultSet row = statement.getResultSet()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Override
    public void abort() {
        if (!finished) {
            finished = true;
            rollbackQuietly();
            release();
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void flushIfLarge() {
        if (writes.bytes() >= FLUSH_BYTES || heldRows >= FLUSH_ROWS) {
            try {
                flush();
            } catch (SQLException e) {
                throw fail("writing", e);
            }
        }
    }

    /** Sends the held writes as upserts of at most {@link #FLUSH_ROWS} rows or about {@link #FLUSH_BYTES} each. */
    private void flush() throws SQLException {
        snapshot.take();
        List<Map.Entry<byte[], byte[]>> last = flushAllButLastBatch();
        if (!last.isEmpty()) {
            upsert(last);
        }
    }

    /** Sends all held batches but the last and returns that one (maybe empty); the held set is then empty. */
    private List<Map.Entry<byte[], byte[]>> flushAllButLastBatch() throws SQLException {
        List<Map.Entry<byte[], byte[]>> all = writes.drain();
        heldRows = 0;
        sentWrites |= !all.isEmpty();
        int start = 0;
        while (start < all.size()) {
            int end = StatementChunks.end(start, all.size(),
                    i -> all.get(i).getKey().length + all.get(i).getValue().length);
            if (end == all.size()) {
                return all.subList(start, end);
            }
            upsert(all.subList(start, end));
            start = end;
        }
        return List.of();
    }

    private void upsert(List<Map.Entry<byte[], byte[]>> batch) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(tables.upsert())) {
            bindBatch(statement, batch);
            statement.executeUpdate();
        }
        sending = List.of();
    }

    /** Binds a batch's keys and values (null for a delete) as the two arrays of an upsert; notes its keys. */
    private int bindBatch(PreparedStatement statement, List<Map.Entry<byte[], byte[]>> batch) throws SQLException {
        byte[][] keys = new byte[batch.size()][];
        byte[][] values = new byte[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            keys[i] = batch.get(i).getKey();
            byte[] value = batch.get(i).getValue();
            values[i] = value == WriteSet.DELETED ? null : value;
        }
        sending = java.util.Arrays.asList(keys);
        statement.setArray(1, connection().createArrayOf("bytea", keys));
        statement.setArray(2, connection().createArrayOf("bytea", values));
        return 3;
    }

    /** The transaction's connection: the snapshot's, which a failed first round trip may have replaced. */
    private Connection connection() {
        return snapshot.connection();
    }

    private void active() {
        engine.checkOpen();
        if (finished) {
            throw new IllegalStateException("the transaction is finished (committed, aborted or failed)");
        }
    }

    private void writable(String what) {
        active();
        if (mode == TransactionMode.READ_ONLY) {
            throw new ReadOnlyException("a read-only transaction cannot " + what);
        }
    }

    /** A failed statement ends the database transaction: this one is finished too, its writes discarded. */
    private StorageException fail(String doing, SQLException e) {
        finished = true;
        rollbackQuietly();
        StorageException mapped = map(doing, e);
        release();
        return mapped;
    }

    /** The typed error; a conflict names the keys another transaction wrote (asked after the rollback). */
    private StorageException map(String doing, SQLException e) {
        if (SqlErrors.isConflict(e)) {
            return SqlErrors.conflict(tables.store(), doing,
                    ConflictingKeys.describe(connection(), tables, sending, snapshot.visibility()), e);
        }
        return engine.map(doing, e);
    }

    private void rollbackQuietly() {
        try {
            connection().rollback();
        } catch (SQLException ignored) {
            // a broken connection has nothing to roll back; the pool drops it
        }
    }

    private void release() {
        engine.released(this);
        snapshot.closeQuietly();
    }
}
