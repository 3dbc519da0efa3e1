package dev.strata.api.tck;

/**
 * The whole conformance kit. A backend passes it by implementing this interface in one small test class that
 * provides the fixture; persistence tests are skipped for backends that declare themselves not persistent.
 *
 * <pre>{@code
 * class MyBackendConformanceTest implements StorageBackendConformance {
 *     private final EngineFixture fixture = EngineFixture.of(new MyBackend());
 *
 *     @Override
 *     public EngineFixture fixture() {
 *         return fixture;
 *     }
 * }
 * }</pre>
 */
public interface StorageBackendConformance extends OrderingContract, ScanContract, TransactionContract,
        BatchContract, InvalidInputContract, PersistenceContract, ConcurrencyContract, LifecycleContract,
        SequenceContract {
}
