package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.BackendInfo;
import dev.strata.api.WriteHook;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.backend.xodus.internal.XodusBackend;

import org.example.strata.sortedfile.internal.SortedFileBackend;

/**
 * Test fixture of the documents bundle: a real store (core's ManagedStore over a real engine), outside any framework.
 * It lives in core's package because ManagedStore's definition is core's; the layer's main code never sees core.
 */
public final class EngineStores {

    public static final String[] ENGINES = {"memory", "file", "xodus", "example"};

    private EngineStores() {
    }

    public static ManagedStore open(String engine, Path directory) {
        return open(engine, directory, null);
    }

    /** A store whose writes go through the write hook as in the runtime (null: none), on a change hub of its own. */
    public static ManagedStore open(String engine, Path directory, WriteHook hook) {
        StorageBackend backend = switch (engine) {
            case "memory" -> new MemoryBackend();
            case "file" -> new FileBackend();
            case "xodus" -> new XodusBackend();
            case "example" -> new SortedFileBackend();
            default -> throw new IllegalArgumentException(engine);
        };
        Map<String, Object> config = new HashMap<>();
        config.put("name", "docs-" + engine);
        config.put("backend", engine);
        config.put("durability", "none");
        if (engine.equals("file")) {
            config.put("compression", "none"); // the codecs come from the crypto bundle, absent here
        }
        ChangeHub hub = new ChangeHub((message, failure) -> { });
        if (hook != null) {
            hub.addWriteHook(hook, Map.of());
        }
        ManagedStore store = new ManagedStore(StoreDefinition.from(config), directory.resolve(engine),
                java.time.Clock.systemUTC(), hub);
        store.attach(backend, new BackendInfo(engine, "test." + engine, "1.0.0", backend.capabilities()));
        return store;
    }

    public static void close(ManagedStore store) {
        store.detach("test over", 1000);
    }
}
