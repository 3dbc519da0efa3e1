package dev.strata.backend.memory;

import dev.strata.api.tck.EngineFixture;
import dev.strata.api.tck.StorageBackendConformance;

/** The whole backend conformance kit against the memory backend with its default settings. */
class MemoryBackendConformanceTest implements StorageBackendConformance {

    private final EngineFixture fixture = EngineFixture.of(new MemoryBackend());

    @Override
    public EngineFixture fixture() {
        return fixture;
    }
}
