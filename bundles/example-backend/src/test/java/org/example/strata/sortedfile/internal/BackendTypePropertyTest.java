package org.example.strata.sortedfile.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.strata.api.spi.StorageBackend;

import org.junit.jupiter.api.Test;

/**
 * Core finds backends by the service property {@code strata.backend}; this reads the component description bnd
 * generated (in target/classes before the tests run) to prove the property is there with the right value.
 */
class BackendTypePropertyTest {

    @Test
    void componentDescriptionRegistersTheBackendType() throws IOException {
        String resource = "/OSGI-INF/" + SortedFileBackend.class.getName() + ".xml";
        try (InputStream in = SortedFileBackend.class.getResourceAsStream(resource)) {
            assertNotNull(in, "bnd generated " + resource);
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("name=\"" + StorageBackend.TYPE_PROPERTY + "\" type=\"String\" value=\"example\""),
                    "strata.backend=example in\n" + xml);
            assertTrue(xml.contains("<provide interface=\"" + StorageBackend.class.getName() + "\"/>"), xml);
        }
    }
}
