package dev.strata.backend.xodus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class XodusStoreSettingsTest {

    private static XodusStoreSettings read(Durability durability, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("name", "x");
        all.put("backend", "xodus");
        return XodusStoreSettings.from(new EngineConfig("x", Path.of("unused"), durability, all));
    }

    @Test
    void defaultsDependOnDurabilityWhereTheyShould() {
        assertEquals(new XodusStoreSettings(32L << 20, 0, true, 1_000, null, 64L << 20), read(Durability.OS, Map.of()));
        assertEquals(10_000, read(Durability.NONE, Map.of("xodus.syncPeriod", "")).syncPeriodMillis());
    }

    @Test
    void sizesDurationsAndFlagsAreReadTyped() {
        XodusStoreSettings settings = read(Durability.FSYNC, Map.of("xodus.logFileSize", "1m", "xodus.cacheSize",
                "8m", "cache.size", "64m", "xodus.gc", "false", "xodus.syncPeriod", "2s", "encryption.keyAlias", "k",
                "xodus.verifyOnOpen", "0"));
        assertEquals(new XodusStoreSettings(1L << 20, 8L << 20, false, 2_000, "k", 0), settings);
        assertEquals(64L << 20, read(Durability.OS, Map.of("cache.size", "64m")).cacheBytes(), "the generic key");
        assertEquals(250, read(Durability.OS, Map.of("xodus.syncPeriod", "250")).syncPeriodMillis(), "plain: ms");
        assertEquals(1_048_576, read(Durability.OS, Map.of("xodus.logFileSize", 1_048_576L)).logFileBytes());
    }

    @Test
    void unknownMalformedAndOutOfRangeValuesNameTheirKey() {
        assertRefused("'xodus.logfilesize'", Map.of("xodus.logfilesize", "1m"));
        assertRefused("'memtable.size'", Map.of("memtable.size", "1m"));
        assertRefused("xodus.logFileSize must be a multiple of 64k", Map.of("xodus.logFileSize", "1000k"));
        assertRefused("xodus.logFileSize must be a size", Map.of("xodus.logFileSize", "huge"));
        assertRefused("xodus.cacheSize must be at least 1m", Map.of("xodus.cacheSize", "64k"));
        assertRefused("cache.size must be a size", Map.of("cache.size", "lots"));
        assertRefused("xodus.gc must be true or false", Map.of("xodus.gc", "off"));
        assertRefused("xodus.syncPeriod must be a positive duration", Map.of("xodus.syncPeriod", "0"));
        assertRefused("xodus.syncPeriod must be a duration", Map.of("xodus.syncPeriod", "often"));
        assertRefused("xodus.verifyOnOpen must not be negative", Map.of("xodus.verifyOnOpen", "-1"));
    }

    private static void assertRefused(String expected, Map<String, Object> settings) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> read(Durability.OS, settings));
        assertTrue(e.getMessage().startsWith("store 'x': ") && e.getMessage().contains(expected),
                expected + " in: " + e.getMessage());
    }

    @Test
    void theMetatypeDescribesEveryKeyUnderTheBackendsPid() throws Exception {
        assertEquals(java.util.Set.of(XodusStoreSettings.LOG_FILE_SIZE, XodusStoreSettings.CACHE_SIZE,
                XodusStoreSettings.GENERIC_CACHE_SIZE, XodusStoreSettings.GC, XodusStoreSettings.SYNC_PERIOD,
                XodusStoreSettings.KEY_ALIAS, XodusStoreSettings.VERIFY_ON_OPEN),
                MetatypeCheck.assertPublished(XodusStoreConfiguration.class, "xodus"));
    }
}
