package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import dev.strata.api.tck.EngineFixture;
import dev.strata.api.tck.PutIfAbsentContract;

/**
 * The conformance kit's {@code putAllIfAbsent} contract again, on a store whose recent batches found their keys
 * present ({@link BatchShape}): every call then reads the rows first and holds the absent keys' puts for the commit,
 * instead of inserting them at once. Both ways must give the same results.
 */
class PostgresReadFirstBatchesTest extends ServerTest implements PutIfAbsentContract {

    private final EngineFixture fixture = TestServer.fixture("readfirst");

    @Override
    public EngineFixture fixture() {
        return fixture;
    }

    @BeforeEach
    void recentBatchesFoundTheirKeysPresent() {
        BatchShape shape = ((PostgresEngine) engine()).batchShape();
        for (int i = 0; i < 20; i++) {
            shape.observe(List.of(new byte[] {1}));
        }
        assertTrue(shape.mostlyPresent());
    }
}
