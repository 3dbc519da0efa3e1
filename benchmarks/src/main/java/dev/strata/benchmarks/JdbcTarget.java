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
 * {@code Store.get}; a scan is keyset pages of 1,000 rows read with fetch size 100), each batch and scan in its own
 * transaction, and a HikariCP pool set up as backend-postgres's
 * {@code ConnectionPool} is (copied here: that class is internal to the bundle): pool size 8, minimum idle 2,
 * auto-commit off, REPEATABLE READ, {@code synchronous_commit} and {@code statement_timeout} in the startup packet.
 * <p>
 * What it leaves out is exactly Strata's layer: the snapshot query that begins a Strata transaction (a batch, a
 * scan), the commit number a writing commit takes, the client-side write set, and core's checks, metrics and copies.
 */
final class JdbcTarget implements KeyValueTarget {

    private static final int PAGE_ROWS = 1_000;
    private static final int FETCH_ROWS = 100;

    private final String table;
    private final HikariDataSource pool;
    private final String upsert;
    private final String get;
    private final String firstPage;
    private final String nextPage;

    /** @param name the table's name in schema {@code jdbc_bench}, created empty here and dropped on close */
    JdbcTarget(String name, String synchronousCommit) {
        table = "jdbc_bench.\"" + name + "\"";
        PostgresServer.execute("CREATE SCHEMA IF NOT EXISTS jdbc_bench", "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (k bytea PRIMARY KEY, v bytea)");
        upsert = "INSERT INTO " + table + " (k, v) SELECT * FROM unnest(?::bytea[], ?::bytea[])"
                + " ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v";
        get = "SELECT v FROM " + table + " WHERE k = ?";
        firstPage = "SELECT k, v FROM " + table + " WHERE v IS NOT NULL ORDER BY k LIMIT " + PAGE_ROWS;
        nextPage = "SELECT k, v FROM " + table + " WHERE v IS NOT NULL AND k > ? ORDER BY k LIMIT " + PAGE_ROWS;

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

    @Override
    public long scanAll() {
        long count = 0;
        try (Connection connection = pool.getConnection()) {
            byte[] last = null;
            int inPage;
            do {
                inPage = 0;
                try (PreparedStatement statement = connection.prepareStatement(last == null ? firstPage : nextPage)) {
                    statement.setFetchSize(FETCH_ROWS);
                    if (last != null) {
                        statement.setBytes(1, last);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            last = rows.getBytes(1);
                            byte[] value = rows.getBytes(2);
                            // decoded, as Strata's scan hands out String keys
                            String key = new String(last, StandardCharsets.UTF_8);
                            count += value.length > 0 && !key.isEmpty() ? 1 : 0;
                            inPage++;
                        }
                    }
                }
            } while (inPage == PAGE_ROWS);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return count;
    }

    @Override
    public void close() {
        pool.close();
        PostgresServer.execute("DROP TABLE IF EXISTS " + table);
    }
}
