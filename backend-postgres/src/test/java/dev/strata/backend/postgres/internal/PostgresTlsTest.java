package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encryption in transit with {@code sslmode=verify-full}: the test makes a CA and a server certificate for
 * 127.0.0.1 (openssl), switches the throwaway server's TLS on (ALTER SYSTEM, reload; reset afterwards), and checks
 * that the store's connections are encrypted with the right CA and refused with another CA or another host name.
 * Only on the throwaway server of .ci/postgres-server (it changes the server's settings).
 */
class PostgresTlsTest {

    private static Path certificates;

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("openssl " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    private static void authority(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", name + ".key", "-out", name + ".crt");
    }

    @BeforeAll
    static void serverWithTls() throws Exception {
        TestServer.url();
        if (System.getenv("STRATA_POSTGRES_DIR") == null) {
            if (Boolean.getBoolean("strata.postgres.required")) {
                fail("STRATA_POSTGRES_DIR is not set: the TLS test needs the throwaway server of .ci/postgres-server");
            }
            abort("the TLS test reconfigures the server: only on the throwaway server of .ci/postgres-server");
        }
        certificates = Files.createTempDirectory("strata-tls-");
        authority("ca");
        authority("other-ca");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(certificates.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
        // the server reads its key as the postgres user and refuses a key others can read
        for (String file : List.of(".", "server.key", "server.crt")) {
            run("chown", "postgres", certificates.resolve(file).toString());
        }
        run("chmod", "600", certificates.resolve("server.key").toString());
        run("chmod", "755", certificates.toString());
        sql("ALTER SYSTEM SET ssl_cert_file = '" + certificates.resolve("server.crt") + "'",
                "ALTER SYSTEM SET ssl_key_file = '" + certificates.resolve("server.key") + "'",
                "ALTER SYSTEM SET ssl = on", "SELECT pg_reload_conf()");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!"on".equals(show("ssl"))) {
            if (System.nanoTime() > deadline) {
                fail("the server did not switch TLS on; see its log in " + System.getenv("STRATA_POSTGRES_DIR"));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void serverWithoutTls() throws SQLException {
        if (certificates != null) {
            sql("ALTER SYSTEM RESET ssl", "ALTER SYSTEM RESET ssl_cert_file", "ALTER SYSTEM RESET ssl_key_file",
                    "SELECT pg_reload_conf()");
            try (java.util.stream.Stream<Path> files = Files.walk(certificates)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
        TestServer.dropSchemas();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String show(String setting) throws SQLException {
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }

    private static EngineConfig config(String store, String url, String rootCert) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PostgresSettings.URL, url);
        properties.put(PostgresSettings.SCHEMA, TestServer.newSchema("tls"));
        properties.put(PostgresSettings.SSL_MODE, "verify-full");
        properties.put(PostgresSettings.SSL_ROOT_CERT, certificates.resolve(rootCert).toString());
        properties.put(PostgresSettings.RETRIES, 0);
        return new EngineConfig(store, certificates, Durability.OS, properties);
    }

    @Test
    void verifyFullWithTheServersCaEncryptsEveryConnection() throws SQLException {
        try (StorageEngine engine = new PostgresBackend().open(config("secure", TestServer.url(), "ca.crt"))) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                tx.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
                tx.commit();
            }
            try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE s.ssl)"
                         + " FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'strata:secure'")) {
                row.next();
                assertTrue(row.getInt(1) > 0, "the store has connections");
                assertEquals(row.getInt(1), row.getInt(2), "every connection of the store is encrypted");
            }
        }
    }

    @Test
    void anotherCaOrAnotherHostNameIsRefusedAsASettingsError() {
        InvalidArgumentException wrongCa = assertThrows(InvalidArgumentException.class,
                () -> new PostgresBackend().open(config("secure", TestServer.url(), "other-ca.crt")));
        assertTrue(wrongCa.getMessage().contains("TLS"), wrongCa.getMessage());
        assertFalse(wrongCa.getMessage().contains("\n"), wrongCa.getMessage());
        String byName = TestServer.url().replace("127.0.0.1", "localhost");
        InvalidArgumentException wrongHost = assertThrows(InvalidArgumentException.class,
                () -> new PostgresBackend().open(config("secure", byName, "ca.crt")));
        assertTrue(wrongHost.getMessage().contains("TLS"), wrongHost.getMessage());
    }
}
