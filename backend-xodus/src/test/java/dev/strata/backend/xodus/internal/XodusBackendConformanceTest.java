package dev.strata.backend.xodus.internal;

import dev.strata.api.tck.EngineFixture;
import dev.strata.api.tck.StorageBackendConformance;

/** The whole backend conformance kit, unchanged, against Xodus. */
class XodusBackendConformanceTest implements StorageBackendConformance {

    private final EngineFixture fixture = EngineFixture.of(new XodusBackend());

    @Override
    public EngineFixture fixture() {
        return fixture;
    }
}
