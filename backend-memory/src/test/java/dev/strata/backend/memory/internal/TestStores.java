package dev.strata.backend.memory.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.backend.memory.MemoryBackend;

/** Small helpers for the engine's own tests: open a store with settings, write and read in one-shot transactions. */
final class TestStores {

    private TestStores() {
    }

    /** Opens a memory store through the backend, with settings given as key, value pairs. */
    static StorageEngine open(Object... settings) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            properties.put((String) settings[i], settings[i + 1]);
        }
        return new MemoryBackend().open(new EngineConfig("test", Path.of("unused"), Durability.NONE, properties));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    static void put(StorageEngine engine, String key, byte[] value) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes(key), value);
            tx.commit();
        }
    }

    static void put(StorageEngine engine, String key, String value) {
        put(engine, key, bytes(value));
    }

    static void delete(StorageEngine engine, String key) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.delete(bytes(key));
            tx.commit();
        }
    }

    static byte[] get(StorageEngine engine, String key) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            return tx.get(bytes(key));
        }
    }

    /** An engine-specific figure from {@code metrics().extra()}. */
    static long extra(StorageEngine engine, String name) {
        Number value = engine.metrics().extra().get(name);
        if (value == null) {
            throw new AssertionError("metrics have no '" + name + "': " + engine.metrics().extra());
        }
        return value.longValue();
    }
}
