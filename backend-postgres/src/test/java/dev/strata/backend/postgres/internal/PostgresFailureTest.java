package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.ConflictException;
import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure a caller can act on arrives as its typed error, on one line, without the password. */
class PostgresFailureTest {

    private static final String SECRET = "s3cret-never-shown";

    @TempDir
    Path directory;

    @AfterAll
    static void dropSchemas() throws SQLException {
        TestServer.dropSchemas();
    }

    private EngineConfig config(String url, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put(PostgresSettings.URL, url);
        properties.putIfAbsent(PostgresSettings.SCHEMA, TestServer.newSchema("fail"));
        return new EngineConfig("orders", directory, Durability.OS, properties);
    }

    private static void assertOneLineWithoutSecret(StorageException e) {
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "no password: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("store 'orders'"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsUnavailableAtOpenSoCoreRetries() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EngineConfig config = config("jdbc:postgresql://127.0.0.1:" + port + "/postgres", Map.of(
                PostgresSettings.USER, "strata", PostgresSettings.PASSWORD, SECRET,
                PostgresSettings.CONNECT_TIMEOUT, 500, PostgresSettings.RETRIES, 1, PostgresSettings.RETRY_BACKOFF, 10));
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> new PostgresBackend().open(config));
        assertOneLineWithoutSecret(e);
        assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
    }

    @Test
    void aStatementPastTheTimeoutIsAStorageTimeout() throws SQLException {
        EngineConfig config = config(TestServer.url(), Map.of(PostgresSettings.STATEMENT_TIMEOUT, 300));
        try (StorageEngine engine = new PostgresBackend().open(config);
             Connection blocker = TestServer.connect()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE \"" + config.string(PostgresSettings.SCHEMA, "") + "\".\"kv_orders\" IN ACCESS EXCLUSIVE MODE");
            }
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                StorageTimeoutException e = assertThrows(StorageTimeoutException.class, () -> tx.get(bytes("k")));
                assertOneLineWithoutSecret(e);
            }
            blocker.rollback();
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                assertEquals(null, tx.get(bytes("k")), "works again once the lock is gone");
            }
        }
    }

    @Test
    void aServerThatAcceptsOnlyReadsMakesWritesReadOnlyErrors() throws SQLException {
        String database = "strata_ro_" + ProcessHandle.current().pid();
        try (Connection admin = TestServer.connect()) {
            admin.setAutoCommit(true);
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database);
                statement.execute("CREATE DATABASE " + database);
            }
            String url = TestServer.url().replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
            try (StorageEngine engine = new PostgresBackend().open(config(url, Map.of(PostgresSettings.SCHEMA, "s")))) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("ALTER DATABASE " + database + " SET default_transaction_read_only = on");
                    statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                }
                ReadOnlyException e = assertThrows(ReadOnlyException.class, () -> {
                    try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                        tx.put(bytes("k"), bytes("v"));
                        tx.commit();
                    }
                });
                assertOneLineWithoutSecret(e);
            } finally {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        }
    }

    @Test
    void tlsSettingsReachTheDriver() {
        EngineConfig config = config(TestServer.url(), Map.of(PostgresSettings.SSL_MODE, "require",
                PostgresSettings.RETRIES, 0));
        StorageException e = assertThrows(StorageException.class, () -> new PostgresBackend().open(config));
        assertTrue(e.getMessage().contains("SSL"), "the test server has no TLS, so sslmode=require fails: " + e.getMessage());
        assertOneLineWithoutSecret(e);
        assertThrows(InvalidArgumentException.class, () -> PostgresSettings.from(
                config(TestServer.url(), Map.of(PostgresSettings.SSL_MODE, "sometimes"))));
    }

    /** Codes no throwaway server can be made to produce on demand (a full disk, a wrong password under trust). */
    @Test
    void sqlStatesMapToTheTypedErrors() {
        assertInstanceOf(InvalidArgumentException.class, map("28P01", "FATAL: password authentication failed for user \"strata\""));
        assertInstanceOf(QuotaExceededException.class, map("53100", "could not extend file: No space left on device"));
        assertInstanceOf(ReadOnlyException.class, map("25006", "cannot execute INSERT in a read-only transaction"));
        assertInstanceOf(StorageTimeoutException.class, map("57014", "canceling statement due to statement timeout"));
        assertInstanceOf(ConflictException.class, map("40001", "could not serialize access due to concurrent update"));
        assertInstanceOf(ConflictException.class, map("40P01", "deadlock detected"));
        assertInstanceOf(StoreUnavailableException.class, map("08006", "An I/O error occurred while sending to the backend."));
        assertInstanceOf(StoreUnavailableException.class, map("57P01", "terminating connection due to administrator command"));
        StorageException login = map("28P01", "FATAL: password authentication failed for user \"strata\"\n  detail");
        assertEquals("store 'orders': opening: the server refused the login; check postgres.user and the password"
                + " (FATAL: password authentication failed for user \"strata\" [28P01])", login.getMessage());
    }

    @Test
    void thePasswordComesFromItsFileAndNeverShows(@TempDir Path secrets) throws Exception {
        Path file = secrets.resolve("password");
        java.nio.file.Files.writeString(file, SECRET + "\n");
        PostgresSettings settings = PostgresSettings.from(new EngineConfig("orders", directory, Durability.OS,
                Map.of(PostgresSettings.URL, "postgresql://db.example:5432/app", PostgresSettings.PASSWORD_FILE, file.toString())));
        assertEquals(SECRET, settings.password());
        assertEquals("jdbc:postgresql://db.example:5432/app", settings.url(), "the seed's postgresql:// form is accepted");
        assertFalse(settings.toString().contains(SECRET), settings.toString());
        InvalidArgumentException missing = assertThrows(InvalidArgumentException.class, () -> PostgresSettings.from(
                new EngineConfig("orders", directory, Durability.OS, Map.of(PostgresSettings.URL, "jdbc:postgresql://h/d",
                        PostgresSettings.PASSWORD_FILE, secrets.resolve("absent").toString()))));
        assertTrue(missing.getMessage().contains("cannot read the password file"), missing.getMessage());
    }

    private static StorageException map(String state, String message) {
        return SqlErrors.map("orders", "opening", new java.sql.SQLException(message, state));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
