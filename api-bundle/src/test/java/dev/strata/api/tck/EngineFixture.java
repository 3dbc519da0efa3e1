package dev.strata.api.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.strata.api.Durability;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

/**
 * Opens engines of the backend under test in a fresh temporary directory, one fixture per test. A backend's
 * conformance test creates one in a field:
 *
 * <pre>{@code
 * class MyBackendConformanceTest implements StorageBackendConformance {
 *     private final EngineFixture fixture = EngineFixture.of(new MyBackend());
 *     public EngineFixture fixture() { return fixture; }
 * }
 * }</pre>
 */
public final class EngineFixture implements AutoCloseable {

    private final StorageBackend backend;
    private final Map<String, Object> properties = new HashMap<>();
    private Durability durability;
    private Path directory;
    private StorageEngine engine;

    private EngineFixture(StorageBackend backend) {
        this.backend = backend;
    }

    public static EngineFixture of(StorageBackend backend) {
        return new EngineFixture(backend);
    }

    /** Adds a backend-specific store setting. */
    public EngineFixture with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public EngineFixture durability(Durability level) {
        this.durability = level;
        return this;
    }

    public StorageBackend backend() {
        return backend;
    }

    public boolean persistent() {
        return backend.capabilities().persistent();
    }

    /** The engine under test, opened on first use. */
    public StorageEngine engine() {
        if (engine == null) {
            engine = backend.open(config());
        }
        return engine;
    }

    /** Closes the engine and opens the same store again (same directory, same settings). */
    public StorageEngine reopen() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        return engine();
    }

    public EngineConfig config() {
        return new EngineConfig("tck", directory(), durability(), properties);
    }

    /** The durability level engines open with: as set, else {@code OS} when declared, else the first declared. */
    public Durability durability() {
        if (durability != null) {
            return durability;
        }
        var declared = backend.capabilities().durability();
        if (declared.contains(Durability.OS)) {
            return Durability.OS;
        }
        return java.util.Arrays.stream(Durability.values()).filter(declared::contains).findFirst().orElseThrow();
    }

    public Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("strata-tck-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    @Override
    public void close() {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            engine = null;
            deleteDirectory();
        }
    }

    private void deleteDirectory() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        directory = null;
    }
}
