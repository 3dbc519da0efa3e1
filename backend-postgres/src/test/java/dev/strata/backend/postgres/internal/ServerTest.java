package dev.strata.backend.postgres.internal;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The lifecycle every test class on the test server shares: it skips (or, with {@code strata.postgres.required=true},
 * fails) when no server is given, before any of its tests runs; and the schemas its tests made
 * ({@link TestServer#newSchema}) are dropped when it ends. JUnit runs these around a subclass's own class-level
 * methods (before its {@code @BeforeAll}, after its {@code @AfterAll}).
 */
abstract class ServerTest {

    @BeforeAll
    static void needsServer() {
        TestServer.url();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        TestServer.dropSchemas();
    }
}
