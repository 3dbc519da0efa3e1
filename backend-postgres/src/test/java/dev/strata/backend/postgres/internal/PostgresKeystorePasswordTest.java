package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server password from a PKCS#12 keystore's secret-key entry, against the real server: for the duration of this
 * class the test server asks one role of its own for its password (a line put first in pg_hba.conf, taken out
 * again afterwards), so a store opens only when the keystore really handed the right password to the driver.
 */
class PostgresKeystorePasswordTest {

    private static final String ROLE = "kspw_" + ProcessHandle.current().pid();
    private static final String SERVER_PASSWORD = "s3rver-password-42";
    private static final String STORE_PASSWORD = "keystore-secret";
    private static String originalHba;

    @TempDir
    Path dir;

    @BeforeAll
    static void roleWithPassword() throws Exception {
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS " + ROLE);
            statement.execute("CREATE ROLE " + ROLE + " LOGIN SUPERUSER PASSWORD '" + SERVER_PASSWORD + "'");
            originalHba = single(statement, "SELECT pg_read_file(current_setting('hba_file'))");
            writeHba(statement, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\nhost all " + ROLE
                    + " ::1/128 scram-sha-256\n" + originalHba);
        }
        // the postmaster reloads asynchronously: wait until a wrong password is refused
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (connectsWith("not-the-password") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(connectsWith("not-the-password"), "the server asks " + ROLE + " for its password");
        assertTrue(connectsWith(SERVER_PASSWORD));
    }

    @AfterAll
    static void restore() throws SQLException {
        if (originalHba == null) {
            return;
        }
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("DROP OWNED BY " + ROLE + " CASCADE"); // the schemas its stores made
                statement.execute("DROP ROLE IF EXISTS " + ROLE);
            } finally {
                writeHba(statement, originalHba);
            }
        }
        TestServer.dropSchemas();
    }

    private static void writeHba(Statement statement, String content) throws SQLException {
        // lo_export writes the bytes as they are (COPY TO would escape tabs and newlines)
        String oid = single(statement, "SELECT lo_from_bytea(0, convert_to($hba$" + content + "$hba$, 'UTF8'))");
        statement.execute("SELECT lo_export(" + oid + ", current_setting('hba_file')), lo_unlink(" + oid + ")");
        statement.execute("SELECT pg_reload_conf()");
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static boolean connectsWith(String password) {
        Properties login = new Properties();
        login.setProperty("user", ROLE);
        login.setProperty("password", password);
        try (Connection ignored = DriverManager.getConnection(TestServer.url().replace("user=strata", "user=" + ROLE), login)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A PKCS#12 file with the entry {@code alias} holding {@code password} as keytool -importpass writes it. */
    private Path keystore(String alias, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(STORE_PASSWORD.toCharArray());
        store.setEntry(alias, new KeyStore.SecretKeyEntry(
                SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(password.toCharArray()))), protection);
        // and one as a raw AES-style secret key holding the UTF-8 bytes
        store.setEntry(alias + "-raw", new KeyStore.SecretKeyEntry(
                new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "AES")), protection);
        Path file = dir.resolve("passwords-" + alias + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private Path storePasswordFile(String content) throws Exception {
        return Files.writeString(dir.resolve("keystore-password-" + content.length()), content + "\n");
    }

    private Map<String, Object> settings(Path keystore, String alias, Path storePasswordFile) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("name", "ks");
        settings.put("backend", "postgres");
        settings.put(PostgresSettings.URL, TestServer.url().replace("user=strata", "user=" + ROLE));
        settings.put(PostgresSettings.USER, ROLE);
        settings.put(PostgresSettings.SCHEMA, TestServer.newSchema("keystore"));
        settings.put(PostgresSettings.CONNECT_TIMEOUT, "2s");
        settings.put(PostgresSettings.RETRIES, 0);
        settings.put(PostgresSettings.PASSWORD_KEYSTORE, keystore.toString());
        settings.put(PostgresSettings.PASSWORD_KEYSTORE_ALIAS, alias);
        settings.put(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE, storePasswordFile.toString());
        return settings;
    }

    private static EngineConfig config(Map<String, Object> settings) {
        return new EngineConfig("ks", Path.of("unused"), Durability.FSYNC, settings);
    }

    @Test
    void aStoreOpensWithThePasswordFromTheKeystoreAndNeverShowsIt() throws Exception {
        Path keystore = keystore("pg", SERVER_PASSWORD);
        for (String alias : new String[] {"pg", "pg-raw"}) {
            EngineConfig config = config(settings(keystore, alias, storePasswordFile(STORE_PASSWORD)));
            PostgresSettings read = PostgresSettings.from(config);
            assertEquals(SERVER_PASSWORD, read.password(), alias);
            assertFalse(read.toString().contains(SERVER_PASSWORD) || read.toString().contains(STORE_PASSWORD), read.toString());
            try (StorageEngine engine = new PostgresBackend().open(config)) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    tx.put(new byte[] {1}, new byte[] {2});
                    tx.commit();
                }
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                    assertArrayEquals(new byte[] {2}, tx.get(new byte[] {1}));
                }
            }
        }
    }

    @Test
    void aKeystoreWithAnotherPasswordDoesNotOpenTheStore() throws Exception {
        EngineConfig config = config(settings(keystore("pg", "wrong-server-password"), "pg", storePasswordFile(STORE_PASSWORD)));
        StorageException e = assertThrows(StorageException.class, () -> {
            try (StorageEngine engine = new PostgresBackend().open(config);
                    EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                tx.get(new byte[] {1});
            }
        });
        assertFalse(e.getMessage().contains("wrong-server-password"), e.getMessage());
    }

    @Test
    void eachFailureNamesItsSettingAndNoPassword() throws Exception {
        Path keystore = keystore("pg", SERVER_PASSWORD);
        Path goodStorePassword = storePasswordFile(STORE_PASSWORD);
        assertRefused(PostgresSettings.PASSWORD_KEYSTORE + " names no file",
                settings(dir.resolve("absent.p12"), "pg", goodStorePassword));
        assertRefused("wrong keystore password for " + keystore + " from " + PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE,
                settings(keystore, "pg", storePasswordFile("not-the-keystore-password")));
        assertRefused(PostgresSettings.PASSWORD_KEYSTORE_ALIAS + ": the keystore " + keystore + " has no entry 'other'",
                settings(keystore, "other", goodStorePassword));
        assertRefused(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE + ": cannot read",
                settings(keystore, "pg", dir.resolve("absent-password")));
        Map<String, Object> noAlias = settings(keystore, "pg", goodStorePassword);
        noAlias.remove(PostgresSettings.PASSWORD_KEYSTORE_ALIAS);
        assertRefused(PostgresSettings.PASSWORD_KEYSTORE_ALIAS + " is required", noAlias);
        Map<String, Object> unsetEnv = settings(keystore, "pg", goodStorePassword);
        unsetEnv.remove(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE);
        unsetEnv.put(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_ENV, "STRATA_TEST_UNSET_KEYSTORE_PASSWORD");
        assertRefused("the environment variable STRATA_TEST_UNSET_KEYSTORE_PASSWORD is not set", unsetEnv);
        Map<String, Object> twoSources = settings(keystore, "pg", goodStorePassword);
        twoSources.put(PostgresSettings.PASSWORD, SERVER_PASSWORD);
        assertRefused("give one of", twoSources);
    }

    @Test
    void theKeystorePasswordMayComeFromAnEnvironmentVariable() throws Exception {
        // surefire sets STRATA_TEST_KEYSTORE_PASSWORD=keystore-secret for this module's tests
        Map<String, Object> settings = settings(keystore("pg", SERVER_PASSWORD), "pg", dir);
        settings.remove(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE);
        settings.put(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_ENV, "STRATA_TEST_KEYSTORE_PASSWORD");
        assertEquals(STORE_PASSWORD, System.getenv("STRATA_TEST_KEYSTORE_PASSWORD"), "set by the build");
        assertEquals(SERVER_PASSWORD, PostgresSettings.from(config(settings)).password());
    }

    private static void assertRefused(String expected, Map<String, Object> settings) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> PostgresSettings.from(config(settings)));
        assertTrue(e.getMessage().startsWith("store 'ks': ") && e.getMessage().contains(expected),
                expected + " in: " + e.getMessage());
        assertFalse(e.getMessage().contains(SERVER_PASSWORD) || e.getMessage().contains(STORE_PASSWORD), e.getMessage());
    }
}
