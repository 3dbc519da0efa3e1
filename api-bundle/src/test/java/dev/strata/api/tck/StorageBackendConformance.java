package dev.strata.api.tck;

/**
 * The whole conformance kit. A backend passes it by implementing this interface in one small test class that
 * provides the fixture; persistence and crash tests are skipped for backends that declare themselves not
 * persistent, isolation cases run at each level the backend declares, metrics are checked against the figures the
 * capabilities declare untracked, and every declared durability level is exercised. Persistent backends also go
 * through the SIGKILL crash harness in child JVMs ({@link DurabilityContract}); the fixture finds the backend class
 * to start there by itself when the backend has a public no-arg constructor, or is told with
 * {@link EngineFixture#childJvmBackend}.
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
        ConflictContract, IsolationContract, WriteSkewContract, BatchContract, CursorContract, InvalidInputContract,
        PersistenceContract, DurabilityContract, ConcurrencyContract, MaintenanceContract, LifecycleContract,
        SequenceContract, OneShotReadContract, DeferredBeginContract, PutIfAbsentContract {
}
