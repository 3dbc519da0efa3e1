package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A transaction's connection and snapshot. At REPEATABLE READ and SERIALIZABLE PostgreSQL takes a transaction's
 * snapshot at its first statement, so the snapshot query ({@link StoreTables#snapshotSequence}: the newest commit
 * number it sees and {@code pg_current_snapshot()}) is always that statement: sent alone by {@link #take} (at begin,
 * or before the first statement that writes or opens a cursor), or, when the begin was deferred, in front of the
 * transaction's first read in the same message ({@link #query}): {@code BEGIN} (the driver's),
 * {@code SET TRANSACTION ISOLATION LEVEL SERIALIZABLE} when asked, the snapshot query, the read. One round trip, and
 * the number is exactly the read's snapshot's, since both run in the one snapshot the first of them took.
 * <p>
 * Until that first round trip has succeeded the server has done nothing for this transaction, so when the connection
 * turns out to be broken (the server restarted since the pool last used it) the round trip goes again on a fresh one
 * after a pause, as often as the settings' retries allow: what {@link PostgresEngine#begin} has always done.
 */
final class TransactionSnapshot {

    /** Binds a query's parameters. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads a query's rows into its result. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final PostgresEngine engine;
    private final boolean serializable;
    private Connection connection;
    private boolean taken;
    private long sequence;
    private String visibility;

    private TransactionSnapshot(PostgresEngine engine, Connection connection, boolean serializable) {
        this.engine = engine;
        this.connection = connection;
        this.serializable = serializable;
    }

    /** A pooled connection for a transaction whose snapshot is not taken yet (retried while the server is away). */
    static TransactionSnapshot open(PostgresEngine engine, boolean serializable) throws SQLException {
        return new TransactionSnapshot(engine, engine.connectWithRetries(), serializable);
    }

    Connection connection() {
        return connection;
    }

    /** The newest commit number the snapshot sees; the snapshot is taken first when it is not yet. */
    long sequence() throws SQLException {
        take();
        return sequence;
    }

    /** {@code pg_current_snapshot()} as text, to name conflicting keys; null before the snapshot is taken. */
    String visibility() {
        return visibility;
    }

    /** Takes the snapshot now, alone, unless it is taken already. */
    void take() throws SQLException {
        if (!taken) {
            firstRoundTrip(null, null, null);
        }
    }

    /**
     * Runs a query in the snapshot. While the snapshot is not taken, the query goes in the same round trip as the
     * snapshot query, which takes it.
     */
    <T> T query(String sql, Parameters parameters, Rows<T> rows) throws SQLException {
        if (taken) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.bind(statement);
                try (ResultSet result = statement.executeQuery()) {
                    return rows.read(result);
                }
            }
        }
        return firstRoundTrip(sql, parameters, rows);
    }

    private <T> T firstRoundTrip(String sql, Parameters parameters, Rows<T> rows) throws SQLException {
        boolean reconnect = false;
        for (int attempt = 0; ; attempt++) {
            try {
                if (reconnect) {
                    connection = engine.connection();
                    reconnect = false;
                }
                return send(sql, parameters, rows);
            } catch (SQLException e) {
                if (!SqlErrors.isUnavailable(e) || attempt >= engine.retries()) {
                    throw e;
                }
                // nothing happened on the server for this transaction yet: the same round trip on a fresh connection
                closeQuietly();
                reconnect = true;
                engine.pause(attempt);
            }
        }
    }

    /** The snapshot query (after the isolation level), then the query when there is one: one message, one wait. */
    private <T> T send(String sql, Parameters parameters, Rows<T> rows) throws SQLException {
        String first = (serializable ? "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; " : "")
                + engine.tables().snapshotSequence();
        // prepared, so that the driver's per-connection cache turns it into server-side prepared statements
        try (PreparedStatement statement = connection.prepareStatement(sql == null ? first : first + "; " + sql)) {
            if (parameters != null) {
                parameters.bind(statement); // the statements before it have no parameters: the query's are 1, 2, ...
            }
            try (ResultSet snapshot = resultSet(statement, statement.execute())) {
                snapshot.next();
                long number = snapshot.getLong(1);
                String text = snapshot.getString(2);
                T result = null;
                if (sql != null) {
                    try (ResultSet read = resultSet(statement, statement.getMoreResults())) {
                        result = rows.read(read);
                    }
                }
                sequence = number;
                visibility = text;
                taken = true;
                return result;
            }
        }
    }

    /** The next result set of a composite statement, past the update counts before it ({@code SET}'s). */
    private static ResultSet resultSet(Statement statement, boolean isResultSet) throws SQLException {
        boolean current = isResultSet;
        while (!current) {
            if (statement.getUpdateCount() == -1) {
                throw new SQLException("the server sent no result set where the snapshot's or the read's was due");
            }
            current = statement.getMoreResults();
        }
        return statement.getResultSet();
    }

    void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // returned to (or dropped by) the pool either way
        }
    }
}
