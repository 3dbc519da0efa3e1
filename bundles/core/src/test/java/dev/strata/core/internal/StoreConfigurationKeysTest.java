package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.strata.api.spi.support.BackendSettings;

/**
 * Backends accept core's store keys without declaring them ({@link BackendSettings#STORE_KEYS}); a key core's form
 * adds and that list lacks would make every backend refuse every store that sets it.
 */
class StoreConfigurationKeysTest {

    @Test
    void coresFormHasExactlyTheKeysBackendsAcceptAsCoresOrThatCoreKeepsToItself() {
        java.util.Set<String> expected = new java.util.TreeSet<>(BackendSettings.STORE_KEYS);
        expected.addAll(StoreDefinition.CORE_ONLY);
        expected.remove("metrics"); // a switch for benchmarks, deliberately not on the operator's form
        assertEquals(expected, new java.util.TreeSet<>(BackendSettings.attributes(StoreConfiguration.class).keySet()));
    }

    @Test
    void settingsOnlyCoreReadsNeverReachTheBackend() {
        StoreDefinition definition = MemoryStores.definition("s", "file", "data.dir", "elsewhere", "read.only",
                "false", "ttl.default", "30s", "read.cache.size", "8m", "metrics", "off", "health.wal.max", "1g",
                "cache.size", "16m");
        assertEquals(java.util.Set.of("name", "backend", "durability", "cache.size"),
                definition.engineProperties().keySet());
    }

    @Test
    void aFileStoreWithEveryCoreSettingOpensOnTheStrictFileBackend(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) {
        StoreDefinition definition = MemoryStores.definition("s", "file", "durability", "os", "compression", "none",
                "data.dir", "elsewhere", "ttl.default", "30s", "read.cache.size", "8m", "health.wal.max", "1g");
        dev.strata.backend.file.internal.FileBackend backend = new dev.strata.backend.file.internal.FileBackend(
                java.util.List.of(), null, null);
        ManagedStore store = new ManagedStore(definition, definition.directoryIn(dir));
        store.attach(backend, MemoryStores.info(backend, "file"));
        try {
            store.put("k", "v".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("v", new String(store.get("k").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(dev.strata.api.StoreStatus.ONLINE, store.info().status());
        } finally {
            store.detach("test over", 1000);
        }
    }
}
