package dev.strata.backend.file.internal;

import dev.strata.api.tck.EngineFixture;
import dev.strata.api.tck.StorageBackendConformance;

/**
 * The conformance kit, unchanged, against the file engine: small memory tables so that flushes and compactions
 * run during the kit's tests too.
 */
class FileBackendConformanceTest implements StorageBackendConformance {

    private final EngineFixture fixture = EngineFixture.of(new TestFileBackend())
            .with("compression", "deflate")
            .with("memtable.size", "256k");

    @Override
    public EngineFixture fixture() {
        return fixture;
    }
}
