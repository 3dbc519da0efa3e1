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
    private Class<? extends StorageBackend> childJvmBackend;
    private boolean childJvmBackendSet;
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

    /**
     * The backend class the crash contract starts in a child JVM (it needs a public no-arg constructor that gives
     * a backend configured like this fixture's). By default the fixture's backend's own class, when it has such a
     * constructor; {@code null} turns the crash contract off (say why in your test class).
     */
    public EngineFixture childJvmBackend(Class<? extends StorageBackend> backendClass) {
        this.childJvmBackend = backendClass;
        this.childJvmBackendSet = true;
        return this;
    }

    /** The class the crash contract runs in a child JVM, or {@code null} when there is none. */
    public Class<? extends StorageBackend> childJvmBackend() {
        if (childJvmBackendSet) {
            return childJvmBackend;
        }
        try {
            java.lang.reflect.Constructor<? extends StorageBackend> constructor = backend.getClass().getConstructor();
            return java.lang.reflect.Modifier.isPublic(backend.getClass().getModifiers())
                    ? constructor.getDeclaringClass() : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The backend-specific settings (for the crash harness's child JVM). */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** A fixture for the same backend and settings at another durability level, in a directory of its own. */
    public EngineFixture at(Durability level) {
        EngineFixture sibling = new EngineFixture(backend);
        sibling.properties.putAll(properties);
        sibling.durability = level;
        sibling.childJvmBackend = childJvmBackend;
        sibling.childJvmBackendSet = childJvmBackendSet;
        return sibling;
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
        deleteRecursively(directory);
        directory = null;
    }

    /** Deletes a directory tree (test clean-up). */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
