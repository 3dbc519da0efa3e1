package dev.strata.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The baseline of {@link PostgresBenchmark}: plain JDBC doing what the Strata backend does for the same work, with
 * nothing of Strata's between. The same table layout ({@code k bytea PRIMARY KEY, v bytea}), the same statements
 * (a batch is one {@code INSERT ... SELECT * FROM unnest(?::bytea[], ?::bytea[]) ON CONFLICT (k) DO UPDATE} of the
 * batch's keys in key order; a get is {@code SELECT v ... WHERE k = ?} alone in autocommit, as the backend sends a
 * {@code Store.get}; a scan is the keyset pages and fetch sizes of the backend's {@code RangeCursor}, see
 * {@link #scanAll}), each batch and scan in its own transaction, and a HikariCP pool set up as backend-postgres's
 * {@code ConnectionPool} is (copied here: that class is internal to the bundle): pool size 8, minimum idle 2,
 * auto-commit off, REPEATABLE READ, {@code synchronous_commit} and {@code statement_timeout} in the startup packet.
 * <p>
 * What it leaves out is exactly Strata's layer: the snapshot query that begins a Strata transaction (a batch, a
 * scan), the read of a batch's previous records (core's record envelope needs them), the commit number a writing
 * commit takes (sent with the last batch and {@code COMMIT} in one message), the client-side write set, the record
 * envelope's bytes and decoding, and core's checks, metrics and copies. A batch here is the standard
 * {@code executeUpdate} then {@code commit()}: two round trips, as Strata's {@code Store.putAll} is (BEGIN + snapshot
 * query + the previous records' read; the last batch + commit number + {@code COMMIT}); in an explicit transaction,
 * whose snapshot is taken at begin, Strata's is three.
 */
final class JdbcTarget implements KeyValueTarget {

    // backend-postgres's RangeCursor schedule, copied (that class is internal to the bundle)
    private static final int FIRST_PAGE_ROWS = 256;
    private static final int MAX_PAGE_ROWS = 4_096;
    private static final int PAGE_GROWTH = 4;
    private static final int FIRST_FETCH_ROWS = 64;
    private static final long FETCH_BYTES = 4L << 20;
    /** The upper bound of a Strata scan of user keys (core keeps its own keys from {@code 0xFF} on). */
    private static final byte[] USER_KEYS_END = {(byte) 0xFF};

    private final String table;
    private final HikariDataSource pool;
    private final String upsert;
    private final String get;

    /** @param name the table's name in schema {@code jdbc_bench}, created empty here and dropped on close */
    JdbcTarget(String name, String synchronousCommit) {
        table = "jdbc_bench.\"" + name + "\"";
        PostgresServer.execute("CREATE SCHEMA IF NOT EXISTS jdbc_bench", "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (k bytea PRIMARY KEY, v bytea)");
        upsert = "INSERT INTO " + table + " (k, v) SELECT * FROM unnest(?::bytea[], ?::bytea[])"
                + " ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v";
        get = "SELECT v FROM " + table + " WHERE k = ?";

        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setUrl(PostgresServer.url());
        driver.setConnectTimeout(5);
        driver.setLoginTimeout(5);
        driver.setSocketTimeout(0);
        driver.setTcpKeepAlive(true);
        driver.setSslMode("prefer");
        driver.setApplicationName("jdbc-bench");
        driver.setOptions("-c statement_timeout=30000 -c synchronous_commit=" + synchronousCommit
                + " -c default_transaction_isolation=repeatable\\ read");
        HikariConfig config = new HikariConfig();
        config.setPoolName("jdbc-bench-" + name);
        config.setDataSource(driver);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(5_000);
        config.setAutoCommit(false);
        config.setInitializationFailTimeout(-1);
        config.setRegisterMbeans(false);
        pool = new HikariDataSource(config);
    }

    @Override
    public void putBatch(String[] keys, int from, int to, byte[] value) {
        byte[][] encoded = new byte[to - from][];
        byte[][] values = new byte[to - from][];
        for (int i = from; i < to; i++) {
            encoded[i - from] = keys[i].getBytes(StandardCharsets.UTF_8);
            values[i - from] = value;
        }
        // key order, as the Strata backend sends a batch (the same lock order for every writer)
        Arrays.sort(encoded, Arrays::compareUnsigned);
        try (Connection connection = pool.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                statement.setArray(1, connection.createArrayOf("bytea", encoded));
                statement.setArray(2, connection.createArrayOf("bytea", values));
                statement.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] get(String key) {
        try (Connection connection = pool.getConnection()) {
            // one statement in autocommit, as backend-postgres reads a Store.get (no BEGIN, no COMMIT)
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(get)) {
                statement.setBytes(1, key.getBytes(StandardCharsets.UTF_8));
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getBytes(1) : null;
                }
            } finally {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The statements and fetches of a Strata full scan on backend-postgres, without Strata: keyset pages of 256, 1,024,
     * then 4,096 rows ({@code WHERE v IS NOT NULL AND k < '\xff' [AND k > last] ORDER BY k LIMIT n}), the first fetch
     * 64 rows, then the page's limit plus one while that fits 4 MiB at the largest row seen (so each page is one round
     * trip), each page planned with its bounds (prepare threshold 0), in one transaction; every key decoded to a String as Strata's scan hands them out.
     */
    @Override
    public long scanAll() {
        long count = 0;
        try (Connection connection = pool.getConnection()) {
            byte[] last = null;
            int pageRows = FIRST_PAGE_ROWS;
            long largestRow = 0;
            boolean morePages = true;
            while (morePages) {
                int inPage = 0;
                String sql = "SELECT k, v FROM " + table + " WHERE v IS NOT NULL AND k < ?"
                        + (last == null ? "" : " AND k > ?") + " ORDER BY k LIMIT " + pageRows;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    // planned with the page's bounds each time, as the backend does (no generic plan)
                    statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                    int fetchRows = fetchRows(pageRows, largestRow);
                    statement.setFetchSize(fetchRows);
                    statement.setBytes(1, USER_KEYS_END);
                    if (last != null) {
                        statement.setBytes(2, last);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            last = rows.getBytes(1);
                            byte[] value = rows.getBytes(2);
                            if (last.length + (long) value.length > largestRow) {
                                largestRow = last.length + (long) value.length;
                                int wanted = fetchRows(pageRows, largestRow);
                                if (wanted != fetchRows) {
                                    fetchRows = wanted;
                                    rows.setFetchSize(wanted);
                                }
                            }
                            // decoded, as Strata's scan hands out String keys
                            String key = new String(last, StandardCharsets.UTF_8);
                            count += value.length > 0 && !key.isEmpty() ? 1 : 0;
                            inPage++;
                        }
                    }
                }
                morePages = inPage == pageRows;
                pageRows = Math.min(MAX_PAGE_ROWS, pageRows * PAGE_GROWTH);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return count;
    }

    private static int fetchRows(int pageRows, long largestRow) {
        if (largestRow == 0) {
            return Math.min(FIRST_FETCH_ROWS, pageRows + 1);
        }
        return (int) Math.max(1, Math.min(pageRows + 1L, FETCH_BYTES / largestRow));
    }

    @Override
    public void close() {
        pool.close();
        PostgresServer.execute("DROP TABLE IF EXISTS " + table);
    }
}
