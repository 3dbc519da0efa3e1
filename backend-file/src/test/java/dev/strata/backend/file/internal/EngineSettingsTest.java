package dev.strata.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.tck.MetatypeCheck;

class EngineSettingsTest {

    private static EngineSettings read(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("name", "f");
        all.put("backend", "file");
        return EngineSettings.from(new EngineConfig("f", Path.of("unused"), Durability.FSYNC, all));
    }

    @Test
    void defaultsWhenNothingOrBlanksAreGiven() {
        EngineSettings defaults = read(Map.of());
        assertEquals(new EngineSettings("lz4", null, null, EngineSettings.DEFAULT_CACHE_BYTES, 32L << 20, 300_000,
                128L << 20, 8192, 10, 8, 4), defaults);
        assertEquals(defaults, read(Map.of("compression", "", "cache.size", " ", "memtable.size", "",
                "checkpoint.interval", "", "encryption.keyAlias", "", "bloom.bitsPerKey", "")));
    }

    @Test
    void sizesDurationsAndNumbersAreReadTyped() {
        Map<String, Object> given = new HashMap<>(Map.of("compression", "ZSTD", "encryption.keyAlias", "k1",
                "encryption.cipher", "ChaCha20-Poly1305", "cache.size", "0", "memtable.size", "1m",
                "checkpoint.interval", "500ms", "wal.maxBytes", "64k", "block.size", "4k", "bloom.bitsPerKey", "12"));
        given.put("compaction.maxSegments", 3);
        given.put("memtable.maxPending", "2");
        EngineSettings settings = read(given);
        assertEquals(new EngineSettings("zstd", "k1", "ChaCha20-Poly1305", 0, 1L << 20, 500, 64L << 10, 4096, 12, 3,
                2), settings);
        assertEquals(90_000, read(Map.of("checkpoint.interval", "90")).checkpointMillis(), "plain: seconds");
        assertEquals(300_000, read(Map.of("checkpoint.interval", "5m")).checkpointMillis());
        assertNull(read(Map.of("encryption.cipher", " ")).cipher());
    }

    @Test
    void unknownMalformedAndOutOfRangeValuesNameTheirKey() {
        assertRefused("'memtable.sise'", Map.of("memtable.sise", "1m"));
        assertRefused("'memory.limit'", Map.of("memory.limit", "1m"));
        assertRefused("memtable.size must be a size", Map.of("memtable.size", "big"));
        assertRefused("memtable.size must be between", Map.of("memtable.size", "2k"));
        assertRefused("checkpoint.interval must be a duration", Map.of("checkpoint.interval", "soon"));
        assertRefused("bloom.bitsPerKey must be a whole number", Map.of("bloom.bitsPerKey", "ten"));
        assertRefused("bloom.bitsPerKey must be between", Map.of("bloom.bitsPerKey", "31"));
        assertRefused("block.size must be between", Map.of("block.size", "8m"));
    }

    private static void assertRefused(String expected, Map<String, Object> settings) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> read(settings));
        assertTrue(e.getMessage().startsWith("store 'f': ") && e.getMessage().contains(expected),
                expected + " in: " + e.getMessage());
    }

    @Test
    void theMetatypeDescribesEveryKeyUnderTheBackendsPid() throws Exception {
        assertEquals(11, MetatypeCheck.assertPublished(FileStoreConfiguration.class, "file").size());
    }
}
