package dev.strata.backend.file.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

/** Small helpers for the engine's own tests. */
final class Stores {

    private Stores() {
    }

    static EngineConfig config(Path directory, Durability durability, Object... settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("compression", "deflate");
        for (int i = 0; i < settings.length; i += 2) {
            properties.put((String) settings[i], settings[i + 1]);
        }
        return new EngineConfig("test", directory, durability, properties);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static void put(StorageEngine engine, String key, String value) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes(key), bytes(value));
            tx.commit();
        }
    }

    static String get(StorageEngine engine, String key) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            return text(tx.get(bytes(key)));
        }
    }

    /** Every key and value of one snapshot, as text. */
    static TreeMap<String, String> contents(StorageEngine engine) {
        TreeMap<String, String> all = new TreeMap<>();
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
            while (cursor.next()) {
                all.put(text(cursor.key()), text(cursor.value()));
            }
        }
        return all;
    }

    static void copyDirectory(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single file whose name starts with the prefix. */
    static Path onlyFile(Path directory, String prefix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).reduce((a, b) -> {
                throw new IllegalStateException("more than one " + prefix + " file: " + a + ", " + b);
            }).orElseThrow(() -> new IllegalStateException("no " + prefix + " file in " + directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
