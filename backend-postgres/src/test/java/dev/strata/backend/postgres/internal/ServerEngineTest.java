package dev.strata.backend.postgres.internal;

import dev.strata.api.spi.StorageEngine;
import dev.strata.api.tck.EngineFixture;

import org.junit.jupiter.api.AfterEach;

/**
 * A {@link ServerTest} whose tests each get an engine on a schema of their own ({@link TestServer#fixture}: the
 * test server, short connect timeouts), opened at first use and closed after the test.
 */
abstract class ServerEngineTest extends ServerTest {

    private final String schema;
    final EngineFixture fixture;

    /** @param purpose names the test's schemas ({@code t<pid>_<purpose>_<n>}) */
    ServerEngineTest(String purpose) {
        schema = TestServer.newSchema(purpose);
        fixture = TestServer.fixtureOn(schema);
    }

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    StorageEngine engine() {
        return fixture.engine();
    }

    /** The schema of this test's store. */
    String schema() {
        return schema;
    }
}
