package dev.strata.backend.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.spi.StorageBackend;

import org.junit.jupiter.api.Test;

/**
 * Core finds backends by the service property {@code strata.backend}: this reads the component description bnd
 * generated into target/classes and checks the property, the service and immediate activation, and the declared
 * capabilities.
 */
class MemoryBackendDescriptorTest {

    @Test
    void componentDescriptionRegistersTheBackendType() throws IOException {
        String resource = "/OSGI-INF/" + MemoryBackend.class.getName() + ".xml";
        try (InputStream in = MemoryBackend.class.getResourceAsStream(resource)) {
            assertNotNull(in, "bnd generated " + resource);
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("name=\"" + StorageBackend.TYPE_PROPERTY + "\" type=\"String\" value=\"memory\""),
                    "strata.backend=memory in\n" + xml);
            assertFalse(xml.contains("strata.backend.type"), "no stray property from an annotation's name\n" + xml);
            assertTrue(xml.contains("<provide interface=\"" + StorageBackend.class.getName() + "\"/>"), xml);
            assertTrue(xml.contains("immediate=\"true\""), xml);
        }
    }

    @Test
    void capabilitiesSayWhatTheEngineDoes() {
        BackendCapabilities capabilities = new MemoryBackend().capabilities();
        assertTrue(capabilities.supports(IsolationLevel.SNAPSHOT));
        assertTrue(capabilities.supports(IsolationLevel.SERIALIZABLE), "read sets are validated");
        assertFalse(capabilities.supports(IsolationLevel.READ_COMMITTED), "core serves it with snapshot");
        assertEquals(java.util.Set.of(Durability.NONE), capabilities.durability(), "nothing is ever written to disk");
        assertFalse(capabilities.tracks(BackendCapabilities.CACHE_HITS), "no cache");
        assertFalse(capabilities.persistent());
        assertTrue(capabilities.compression());
        assertFalse(capabilities.encryption());
        assertFalse(capabilities.nativeTtl());
        assertFalse(capabilities.nativeSnapshot());
    }

    @Test
    void durabilityTheEngineCannotHonourIsRefusedAtOpen() {
        for (Durability level : java.util.List.of(Durability.OS, Durability.FSYNC)) {
            dev.strata.api.InvalidArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.strata.api.InvalidArgumentException.class, () -> new MemoryBackend().open(
                            new dev.strata.api.spi.EngineConfig("m", java.nio.file.Path.of("unused"), level, null)));
            assertTrue(refused.getMessage().contains("durability=none"), refused.getMessage());
        }
    }
}
