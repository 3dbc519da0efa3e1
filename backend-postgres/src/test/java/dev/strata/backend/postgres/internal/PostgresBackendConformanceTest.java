package dev.strata.backend.postgres.internal;

import java.sql.SQLException;

import dev.strata.api.tck.EngineFixture;
import dev.strata.api.tck.StorageBackendConformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole backend conformance kit, unchanged, against a real PostgreSQL server; each test on its own schema. */
class PostgresBackendConformanceTest implements StorageBackendConformance {

    /** The crash contract's child JVMs use a store schema per store directory (see PostgresCrashBackend). */
    private final EngineFixture fixture = TestServer.fixture("tck").childJvmBackend(PostgresCrashBackend.class);

    @BeforeAll
    static void needsServer() {
        TestServer.url();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        TestServer.dropSchemas();
    }

    @Override
    public EngineFixture fixture() {
        return fixture;
    }
}
