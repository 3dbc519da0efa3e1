package org.example.strata.sortedfile.internal;

import dev.strata.api.tck.EngineFixture;
import dev.strata.api.tck.StorageBackendConformance;

/** The whole backend conformance kit (TCK), unchanged, against the example backend. */
class ExampleBackendConformanceTest implements StorageBackendConformance {

    private final EngineFixture fixture = EngineFixture.of(new SortedFileBackend());

    @Override
    public EngineFixture fixture() {
        return fixture;
    }
}
