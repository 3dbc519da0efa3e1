package dev.strata.backend.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;

import org.junit.jupiter.api.Test;

/** Store settings are read leniently where harmless (case, blanks) and refused where they cannot be honoured. */
class MemorySettingsTest {

    private static MemorySettings read(Map<String, Object> properties) {
        return MemorySettings.from(new EngineConfig("s", Path.of("unused"), Durability.OS, properties));
    }

    @Test
    void defaultsAreUnlimitedRefuseUncompressed() {
        MemorySettings settings = read(Map.of());
        assertEquals(MemorySettings.defaults(), settings);
        assertFalse(settings.limited());
        assertFalse(settings.evicts());
        assertFalse(settings.deflate());
    }

    @Test
    void sizesPoliciesAndCompressionAreRead() {
        MemorySettings settings = read(Map.of("memory.limit", "64m", "memory.policy", " Evict-LRU ",
                "compression", "DEFLATE"));
        assertEquals(64L << 20, settings.limitBytes());
        assertEquals(MemorySettings.OverflowPolicy.EVICT_LRU, settings.policy());
        assertTrue(settings.evicts());
        assertTrue(settings.deflate());
        assertEquals(1024, read(Map.of("memory.limit", 1024)).limitBytes());
        assertFalse(read(Map.of("memory.policy", "evict-lru")).evicts(), "eviction needs a limit");
        assertFalse(read(Map.of("compression", "")).deflate(), "core's empty default means none");
    }

    @Test
    void valuesThatCannotBeHonouredAreRefused() {
        assertThrows(InvalidArgumentException.class, () -> read(Map.of("memory.limit", "lots")));
        assertThrows(InvalidArgumentException.class, () -> read(Map.of("memory.limit", "-1")));
        assertThrows(InvalidArgumentException.class, () -> read(Map.of("memory.policy", "lru")));
        assertThrows(InvalidArgumentException.class, () -> read(Map.of("compression", "zstd")));
    }

    @Test
    void anUnknownOrMalformedKeyIsRefusedByName() {
        InvalidArgumentException unknown = assertThrows(InvalidArgumentException.class,
                () -> read(Map.of("memory.limt", "64m")));
        assertTrue(unknown.getMessage().contains("'memory.limt'"), unknown.getMessage());
        InvalidArgumentException malformed = assertThrows(InvalidArgumentException.class,
                () -> read(Map.of("memory.limit", "64q")));
        assertTrue(malformed.getMessage().contains("store 's': memory.limit must be a size"), malformed.getMessage());
        assertThrows(InvalidArgumentException.class, () -> read(Map.of("memtable.size", "32m")),
                "a file engine key on a memory store");
    }

    @Test
    void theMetatypeDescribesEveryKeyUnderTheBackendsPid() throws Exception {
        assertEquals(java.util.Set.of(MemorySettings.LIMIT, MemorySettings.POLICY, MemorySettings.COMPRESSION),
                dev.strata.api.tck.MetatypeCheck.assertPublished(MemoryStoreConfiguration.class, "memory"));
    }
}
