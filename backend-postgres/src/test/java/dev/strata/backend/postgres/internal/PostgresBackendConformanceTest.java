package dev.strata.backend.postgres.internal;

import dev.strata.api.tck.EngineFixture;
import dev.strata.api.tck.StorageBackendConformance;

/** The whole backend conformance kit, unchanged, against a real PostgreSQL server; each test on its own schema. */
class PostgresBackendConformanceTest extends ServerTest implements StorageBackendConformance {

    /** The crash contract's child JVMs use a store schema per store directory (see PostgresCrashBackend). */
    private final EngineFixture fixture = TestServer.fixture("tck").childJvmBackend(PostgresCrashBackend.class);

    @Override
    public EngineFixture fixture() {
        return fixture;
    }
}
