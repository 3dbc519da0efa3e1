package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;

/**
 * The backend's own layout in a schema, versioned in {@code strata_schema_version} (one row) and brought up to
 * {@link #current()} at open, in one transaction, under an advisory lock so that stores opening at once on one schema
 * migrate it once. A schema written by a newer backend is refused: this one would not know what it may change.
 */
final class SchemaMigrations {

    /** One step of the layout: brings a schema from {@code version - 1} to {@code version}. */
    record Step(int version, String description, List<String> statements) {
    }

    /** The layout's history; a new version appends a step, never edits an old one. */
    static final List<Step> STEPS = List.of(
            new Step(1, "version table and store registry", List.of(
                    "CREATE TABLE %s." + StoreTables.VERSION_TABLE + " (version integer NOT NULL)",
                    "INSERT INTO %s." + StoreTables.VERSION_TABLE + " (version) VALUES (0)",
                    "CREATE TABLE %s." + StoreTables.STORES_TABLE
                            + " (name text PRIMARY KEY, data_table text NOT NULL UNIQUE)")));

    private final List<Step> steps;

    SchemaMigrations(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    int current() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).version();
    }

    /**
     * Checks the schema's version and migrates it (when allowed), then makes sure the store's tables exist and are
     * registered under its name. Runs in the connection's own transaction and commits it.
     *
     * @return the version the schema had before
     */
    int prepare(Connection connection, StoreTables tables, boolean enableMigrations) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // READ COMMITTED (sessions default to REPEATABLE READ): after waiting for the lock, the next statement
            // must see what the previous migrator committed
            statement.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            // one migrator per schema at a time; released at commit
            statement.execute("SELECT pg_advisory_xact_lock(" + lockKey(tables.schema()) + ")");
            int found = version(connection, tables);
            if (found > current()) {
                throw new StorageException("store '" + tables.store() + "': schema " + tables.schemaName()
                        + " has layout version " + found + ", newer than this backend's " + current()
                        + "; install the newer backend-postgres bundle or use another postgres.schema");
            }
            if (found < current() && !enableMigrations) {
                throw new InvalidArgumentException("store '" + tables.store() + "': schema " + tables.schemaName()
                        + " has layout version " + found + " and this backend needs " + current()
                        + "; set postgres.enableMigrations=true to upgrade it at open");
            }
            if (found < current()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + tables.schemaName());
                for (Step step : steps) {
                    if (step.version() > found) {
                        for (String sql : step.statements()) {
                            statement.execute(sql.replace("%s", tables.schemaName()));
                        }
                        statement.executeUpdate("UPDATE " + tables.versionTable() + " SET version = " + step.version());
                    }
                }
            }
            prepareStore(connection, statement, tables, enableMigrations);
            connection.commit();
            return found;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static void prepareStore(Connection connection, Statement statement, StoreTables tables,
            boolean enableMigrations) throws SQLException {
        if (enableMigrations) {
            statement.execute(tables.createData());
            statement.execute(tables.createCommits());
            statement.execute(tables.createSequence());
            try (PreparedStatement register = connection.prepareStatement(tables.registerStore())) {
                register.setString(1, tables.store());
                register.setString(2, tables.table());
                register.executeUpdate();
            }
        }
        try (PreparedStatement registered = connection.prepareStatement(tables.registeredTable())) {
            registered.setString(1, tables.store());
            try (ResultSet row = registered.executeQuery()) {
                if (!row.next()) {
                    throw new InvalidArgumentException("store '" + tables.store() + "' has no tables in schema "
                            + tables.schemaName() + " and postgres.enableMigrations is false");
                }
                if (!row.getString(1).equals(tables.table())) {
                    throw new InvalidArgumentException("store '" + tables.store() + "' is registered in schema "
                            + tables.schemaName() + " with table " + row.getString(1) + ", not " + tables.table());
                }
            }
        }
    }

    private static int version(Connection connection, StoreTables tables) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?)")) {
            exists.setString(1, tables.versionTable());
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (row.getString(1) == null) {
                    return 0;
                }
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM " + tables.versionTable())) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    /** A stable 64-bit key per schema name for the advisory lock (FNV-1a). */
    static long lockKey(String schema) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : ("strata-schema:" + schema).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
