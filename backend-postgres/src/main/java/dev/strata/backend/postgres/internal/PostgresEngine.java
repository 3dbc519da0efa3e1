package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

/**
 * One store in a PostgreSQL schema: its tables, its connection pool, and the transactions open on it. Opening
 * checks (and migrates) the schema, so an unreachable server, a wrong password or a schema from a newer backend is
 * reported at open; later, a server that goes away makes operations fail with {@link StoreUnavailableException}
 * until it is back, when the pool's new connections serve again without the store being reopened.
 */
final class PostgresEngine implements StorageEngine {

    /** Commit numbers no snapshot needs are dropped after this many commits (see {@link StoreTables#trimCommits}). */
    static final long TRIM_EVERY_COMMITS = 4_096;

    private final String store;
    private final PostgresSettings settings;
    private final StoreTables tables;
    private final ConnectionPool pool;
    private final ServerMetrics serverMetrics;
    private final ServerProbe probe;
    private final Set<PostgresTransaction> open = ConcurrentHashMap.newKeySet();
    private final BatchShape batchShape = new BatchShape();
    private final Consumer<PostgresEngine> onClose;
    private volatile boolean closed;

    private PostgresEngine(EngineConfig config, PostgresSettings settings, ConnectionPool pool,
            Consumer<PostgresEngine> onClose) {
        this.store = config.storeName();
        this.settings = settings;
        this.tables = new StoreTables(store, settings.schema(), settings.table());
        this.pool = pool;
        this.serverMetrics = new ServerMetrics(tables, pool);
        this.probe = new ServerProbe(store, pool, settings.serverDisplay());
        this.onClose = onClose;
    }

    static PostgresEngine open(EngineConfig config, PostgresSettings settings, SchemaMigrations migrations,
            Consumer<PostgresEngine> onClose) {
        ConnectionPool pool = new ConnectionPool(config.storeName(), settings, config.durability());
        try {
            PostgresEngine engine = new PostgresEngine(config, settings, pool, onClose);
            engine.prepare(migrations);
            engine.probe.start();
            return engine;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private void prepare(SchemaMigrations migrations) {
        try (Connection connection = connectWithRetries()) {
            migrations.prepare(connection, tables, settings.enableMigrations());
            // maintenance at READ COMMITTED, so that two engines trimming at once wait for each other instead of
            // failing with a serialization error (the pool restores the session's level afterwards)
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(tables.trimCommits());
            }
            serverMetrics.start(connection);
        } catch (SQLException e) {
            throw map("opening the store at " + settings.serverDisplay(), e);
        }
    }

    /** What this store's recent batches of puts found, to choose how the next one is sent. */
    BatchShape batchShape() {
        return batchShape;
    }

    StoreTables tables() {
        return tables;
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return begin(mode, IsolationLevel.SNAPSHOT);
    }

    /**
     * SNAPSHOT and READ_COMMITTED run at PostgreSQL's REPEATABLE READ, SERIALIZABLE at SERIALIZABLE. READ_COMMITTED is
     * served by the stronger level on purpose: PostgreSQL's READ COMMITTED lets an upsert overwrite a row committed
     * after the transaction read it (a lost update), which the SPI's READ_COMMITTED forbids. The snapshot is taken
     * here, in one round trip ({@link TransactionSnapshot#take}).
     */
    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        return begin(mode, isolation, false);
    }

    /**
     * As {@link #begin(TransactionMode, IsolationLevel)}, with the snapshot taken by the transaction's first
     * operation: a first read carries it in its own round trip ({@link TransactionSnapshot#query}), so a single-call
     * write of core (read the current records, write, commit) is two round trips instead of three.
     */
    @Override
    public EngineTransaction beginDeferred(TransactionMode mode, IsolationLevel isolation) {
        return begin(mode, isolation, true);
    }

    private EngineTransaction begin(TransactionMode mode, IsolationLevel isolation, boolean deferred) {
        if (isolation == null) {
            throw new InvalidArgumentException("isolation level must not be null");
        }
        checkOpen();
        IsolationLevel level = isolation == IsolationLevel.SERIALIZABLE ? IsolationLevel.SERIALIZABLE : IsolationLevel.SNAPSHOT;
        TransactionSnapshot snapshot;
        try {
            snapshot = TransactionSnapshot.open(this, level == IsolationLevel.SERIALIZABLE);
        } catch (SQLException e) {
            throw map("beginning a transaction", e);
        }
        if (!deferred) {
            try {
                snapshot.take();
            } catch (SQLException e) {
                snapshot.closeQuietly();
                throw map("beginning a transaction", e);
            }
        }
        PostgresTransaction tx = new PostgresTransaction(this, snapshot, mode, level);
        open.add(tx);
        return tx;
    }

    /**
     * One statement in autocommit: the server reads the key's newest committed row in a snapshot of that statement
     * alone, which is what a read-only transaction begun now and holding just this get sees. One round trip, where
     * {@link #begin} + get + end is three (the snapshot query with BEGIN, the get, ROLLBACK). Retried like
     * {@link #begin} while the server is unreachable (a read changes nothing).
     */
    @Override
    public byte[] get(byte[] key) {
        ByteKeys.checkKey(key);
        checkOpen();
        for (int attempt = 0; ; attempt++) {
            try (Connection connection = pool.connection()) {
                // the driver sends no BEGIN in autocommit; switching the mode sends nothing either
                connection.setAutoCommit(true);
                try (PreparedStatement statement = connection.prepareStatement(tables.get())) {
                    statement.setBytes(1, key);
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next() ? row.getBytes(1) : null;
                    }
                } finally {
                    connection.setAutoCommit(false);
                }
            } catch (SQLException e) {
                if (!SqlErrors.isUnavailable(e) || attempt >= settings.retries()) {
                    throw map("reading a key", e);
                }
                pause(attempt);
            }
        }
    }

    /** A pooled connection, tried once. */
    Connection connection() throws SQLException {
        return pool.connection();
    }

    /** A pooled connection, retried with backoff while the server is unreachable. */
    Connection connectWithRetries() throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try {
                return pool.connection();
            } catch (SQLException e) {
                if (!SqlErrors.isUnavailable(e) || attempt >= settings.retries()) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    int retries() {
        return settings.retries();
    }

    /** The backoff before retry {@code attempt + 1}: the settings' first pause, doubled each time. */
    void pause(int attempt) {
        try {
            Thread.sleep(settings.retryBackoffMillis() << Math.min(attempt, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("store '" + store + "': interrupted while waiting for the server");
        }
    }

    StorageException map(String doing, SQLException e) {
        probe.observed(e);
        return SqlErrors.map(store, doing, e);
    }

    void checkOpen() {
        if (closed) {
            throw new StoreUnavailableException("store '" + store + "' is closed");
        }
    }

    void released(PostgresTransaction tx) {
        open.remove(tx);
    }

    /** After a commit: now and then, drop commit numbers older than the newest (in a transaction of its own). */
    void committed(long sequence) {
        if (sequence % TRIM_EVERY_COMMITS == 0) {
            try {
                runMaintenance(List.of(tables.trimCommits()));
            } catch (StorageException e) {
                // the commit stands; the next trim (or compact) drops these numbers
            }
        }
    }

    /** From the background probe and the last failed statement: never blocks. */
    @Override
    public String unavailableReason() {
        return closed ? "" : probe.reason();
    }

    @Override
    public EngineMetrics metrics() {
        return serverMetrics.read();
    }

    /** Drops unneeded commit numbers and deleted-key rows no snapshot can need, then lets the server vacuum. */
    @Override
    public void compact() {
        checkOpen();
        runMaintenance(List.of(tables.trimCommits(), tables.purgeTombstones(),
                "VACUUM " + tables.data(), "VACUUM " + tables.commits()));
    }

    private void runMaintenance(List<String> statements) {
        try (Connection connection = pool.connection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw map("maintenance", e);
        }
    }

    /** Rolls back what is still open and closes the pool; everything committed is already on the server. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        probe.close();
        for (PostgresTransaction tx : List.copyOf(open)) {
            tx.abort();
        }
        pool.close();
        onClose.accept(this);
    }
}
