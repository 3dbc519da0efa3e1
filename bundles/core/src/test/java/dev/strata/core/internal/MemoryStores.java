package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.BackendInfo;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.memory.MemoryBackend;

/** Test fixtures: stores over the reference memory engine, outside any framework. */
final class MemoryStores {

    private MemoryStores() {
    }

    static StoreDefinition definition(String name, String backend, Object... settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", name);
        config.put("backend", backend);
        // the memory backend honours durability none only (it writes nothing anywhere)
        config.put("durability", "none");
        for (int i = 0; i < settings.length; i += 2) {
            config.put((String) settings[i], settings[i + 1]);
        }
        return StoreDefinition.from(config);
    }

    static BackendInfo info(StorageBackend backend, String type) {
        return new BackendInfo(type, "test." + type, "1.0.0", backend.capabilities());
    }

    /** An online store on a fresh memory engine. */
    static ManagedStore online(Path directory) {
        MemoryBackend backend = new MemoryBackend();
        ManagedStore store = new ManagedStore(definition("test", "memory"), directory.resolve("test"));
        store.attach(backend, info(backend, "memory"));
        return store;
    }
}
