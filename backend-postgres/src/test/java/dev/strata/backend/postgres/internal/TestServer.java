package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.tck.EngineFixture;

/**
 * The PostgreSQL server the tests run against: {@code -Dstrata.postgres.url} or the environment variable
 * {@code STRATA_POSTGRES_URL} (.ci/run starts a throwaway server and sets it). Without one the tests skip, with a
 * message, unless {@code strata.postgres.required=true}: then a missing server fails them (as in CI). Each test gets
 * a schema of its own, so tests never see each other's tables; {@link #dropSchemas()} removes them afterwards.
 */
final class TestServer {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final List<String> CREATED = new ArrayList<>();
    private static final String RUN = Long.toString(ProcessHandle.current().pid());

    private TestServer() {
    }

    /** The server's JDBC URL; skips (or, where required, fails) the calling test when none is given. */
    static String url() {
        String url = System.getProperty("strata.postgres.url", "");
        if (url.isBlank()) {
            url = System.getenv().getOrDefault("STRATA_POSTGRES_URL", "");
        }
        if (url.isBlank()) {
            if (Boolean.getBoolean("strata.postgres.required")) {
                fail("strata.postgres.required=true but no server is given: set STRATA_POSTGRES_URL"
                        + " (or -Dstrata.postgres.url) to a PostgreSQL server the tests may write to");
            }
            abort("no PostgreSQL server for the tests: set STRATA_POSTGRES_URL, or run .ci/run, which starts one");
        }
        return url;
    }

    /** A fresh schema name, dropped by {@link #dropSchemas()}. */
    static synchronized String newSchema(String purpose) {
        String name = "t" + RUN + "_" + purpose + "_" + SCHEMAS.incrementAndGet();
        CREATED.add(name);
        return name;
    }

    /** A fixture on a fresh schema of the test server, with short timeouts so failures show quickly. */
    static EngineFixture fixture(String purpose) {
        return fixtureOn(newSchema(purpose));
    }

    /** A fixture on the given schema (one of {@link #newSchema}'s) of the test server. */
    static EngineFixture fixtureOn(String schema) {
        return EngineFixture.of(new PostgresBackend())
                .with(PostgresSettings.URL, url())
                .with(PostgresSettings.SCHEMA, schema)
                .with(PostgresSettings.CONNECT_TIMEOUT, 2_000);
    }

    /** A plain JDBC connection to the test server, for checks from outside the backend. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    static synchronized void dropSchemas() throws SQLException {
        boolean noServer = System.getProperty("strata.postgres.url", "").isBlank()
                && System.getenv().getOrDefault("STRATA_POSTGRES_URL", "").isBlank();
        if (CREATED.isEmpty() || noServer) {
            CREATED.clear();
            return;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            // and those the crash contract's child JVMs made (PostgresCrashBackend)
            try (java.sql.ResultSet rows = statement.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'crash\\_%'")) {
                while (rows.next()) {
                    CREATED.add(rows.getString(1));
                }
            }
            for (String schema : CREATED) {
                statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
        CREATED.clear();
    }
}
