package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.spi.EngineMetrics;

/**
 * The store's figures as the server has them: live keys (counted exactly up to {@link #EXACT_COUNT_LIMIT} rows, the
 * planner's estimate beyond, flagged in {@code extra}), table and index bytes, WAL bytes the server wrote since the
 * store opened (server-wide: PostgreSQL has one WAL); {@code diskBytes} is the combined figure (data and commit
 * tables with their indexes, which the console shows), and {@code extra} has the data table's {@code tableBytes}
 * ({@code pg_table_size}) and {@code indexBytes} ({@code pg_indexes_size}) apart; and buffer cache hits and reads
 * of the store's table, indexes and TOAST since open. Pool figures go in {@code extra}. A server that cannot be asked gives -1 figures, not an
 * error: metrics are read every second.
 */
final class ServerMetrics {

    static final long EXACT_COUNT_LIMIT = 1_000_000;
    /** {@code extra} keys: the store's data table without its indexes, and its indexes (the primary key's B-tree). */
    static final String TABLE_BYTES = "tableBytes";
    static final String INDEX_BYTES = "indexBytes";

    private final StoreTables tables;
    private final ConnectionPool pool;
    private volatile String walAtOpen;
    private volatile long hitsAtOpen;
    private volatile long readsAtOpen;

    ServerMetrics(StoreTables tables, ConnectionPool pool) {
        this.tables = tables;
        this.pool = pool;
    }

    void start(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            walAtOpen = currentWal(statement);
            long[] cache = cache(statement);
            hitsAtOpen = cache[0];
            readsAtOpen = cache[1];
        }
    }

    EngineMetrics read() {
        Map<String, Number> extra = new HashMap<>(pool.figures());
        try (Connection connection = pool.connection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                long estimate = single(statement, tables.estimatedRows());
                boolean exact = estimate < EXACT_COUNT_LIMIT;
                long keys = exact ? single(statement, tables.liveKeys()) : estimate;
                extra.put("keysEstimated", exact ? 0 : 1);
                long disk = single(statement, tables.diskBytes());
                try (ResultSet row = statement.executeQuery(tables.tableAndIndexBytes())) {
                    row.next();
                    extra.put(TABLE_BYTES, row.getLong(1));
                    extra.put(INDEX_BYTES, row.getLong(2));
                }
                String wal = currentWal(statement);
                long walBytes = wal == null || walAtOpen == null ? -1
                        : single(statement, "SELECT pg_wal_lsn_diff('" + wal + "', '" + walAtOpen + "')::bigint");
                long[] cache = cache(statement);
                extra.put("serverReachable", 1);
                return new EngineMetrics(keys, -1, disk, walBytes, cache[0] - hitsAtOpen, cache[1] - readsAtOpen,
                        "n/a", extra);
            }
        } catch (SQLException e) {
            extra.put("serverReachable", 0);
            return new EngineMetrics(-1, -1, -1, -1, -1, -1, "n/a", extra);
        }
    }

    /** The server's WAL position, or null on a standby (which writes none of its own). */
    private static String currentWal(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END")) {
            row.next();
            return row.getString(1);
        }
    }

    private long[] cache(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(tables.cacheFigures())) {
            return row.next() ? new long[] {row.getLong(1), row.getLong(2)} : new long[] {0, 0};
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
