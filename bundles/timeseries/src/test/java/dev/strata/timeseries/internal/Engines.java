package dev.strata.timeseries.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.BackendInfo;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.backend.xodus.internal.XodusBackend;
import dev.strata.core.internal.ManagedStore;
import dev.strata.core.internal.StoreDefinition;

import org.example.strata.sortedfile.internal.SortedFileBackend;

/**
 * Real stores (core's {@link ManagedStore}, the same class the runtime registers) over every engine, outside any
 * framework. The layer sees only the {@link dev.strata.api.Store} interface.
 */
final class Engines {

    static final List<String> ALL = List.of("memory", "file", "xodus", "example");

    private Engines() {
    }

    static ManagedStore open(String type, Path directory) {
        StorageBackend backend = switch (type) {
            case "memory" -> new MemoryBackend();
            case "file" -> new FileBackend(List.of(), null, null);
            case "xodus" -> new XodusBackend();
            case "example" -> new SortedFileBackend();
            default -> throw new IllegalArgumentException("no engine " + type);
        };
        Map<String, Object> config = new HashMap<>();
        config.put("name", "ts-" + type);
        config.put("backend", type);
        config.put("durability", "none");
        if (type.equals("file")) {
            config.put("compression", "none");
        }
        ManagedStore store = new ManagedStore(StoreDefinition.from(config), directory.resolve(type));
        store.attach(backend, new BackendInfo(type, "test." + type, "1.0.0", backend.capabilities()));
        return store;
    }

    static void close(ManagedStore store) {
        if (store != null) {
            store.detach("test over", 1_000);
        }
    }
}
