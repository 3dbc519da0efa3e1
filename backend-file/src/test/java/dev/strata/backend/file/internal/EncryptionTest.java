package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.WrongKeyException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest: nothing in clear on disk, wrong keys refused before any data, re-keying with key ids. */
class EncryptionTest {

    private static final String SECRET = "secret-value-that-must-not-leak";

    @TempDir
    Path directory;

    private EngineConfig config() {
        return Stores.config(directory, Durability.FSYNC, "encryption.keyAlias", "orders", "checkpoint.interval", "0");
    }

    @Test
    void neitherSegmentsNorTheLogHoldDataInClear() throws IOException {
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            Stores.put(engine, "flushed", SECRET);
            engine.checkpoint();
            Stores.put(engine, "logged", SECRET);
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(SECRET), file + " holds the value in clear");
                assertFalse(content.contains("flushed"), file + " holds a key in clear");
            }
        }
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            assertEquals(SECRET, Stores.get(engine, "flushed"));
            assertEquals(SECRET, Stores.get(engine, "logged"));
        }
    }

    @Test
    void aWrongKeyIsRefusedBeforeAnyDataIsReturned() {
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            Stores.put(engine, "a", SECRET);
            engine.checkpoint();
            Stores.put(engine, "b", SECRET);
        }
        WrongKeyException wrong = assertThrows(WrongKeyException.class,
                () -> new TestFileBackend(new TestKeyProvider("another keystore")).open(config()));
        assertTrue(wrong.getMessage().contains("orders"), wrong.getMessage());
        assertThrows(WrongKeyException.class, () -> new TestFileBackend().open(
                Stores.config(directory, Durability.FSYNC)), "an encrypted store opened without its alias");
        assertThrows(WrongKeyException.class, () -> new TestFileBackend().open(
                Stores.config(directory, Durability.FSYNC, "encryption.keyAlias", "other")));
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            assertEquals(SECRET, Stores.get(engine, "b"), "the refusals left the store and its lock intact");
        }
    }

    @Test
    void reKeyingWritesWithTheNewKeyAndOldBlocksStayReadableUntilRewritten() {
        TestKeyProvider keys = new TestKeyProvider("rotating");
        try (StorageEngine engine = new TestFileBackend(keys).open(config())) {
            Stores.put(engine, "old", "written with key 0");
            engine.checkpoint();
            assertEquals(1, ((FileEngine) engine).rekey());
            Stores.put(engine, "new", "written with key 1");
            // before the next checkpoint: afterwards a background compaction may already merge both segments
            assertEquals(List.of(Set.of(0)), ((FileEngine) engine).segmentKeyIds(), "old blocks keep key 0");
            engine.checkpoint();
            List<Set<Integer>> ids = ((FileEngine) engine).segmentKeyIds();
            assertTrue(ids.stream().anyMatch(s -> s.contains(1)), "new blocks use key 1: " + ids);
        }
        try (StorageEngine engine = new TestFileBackend(keys).open(config())) {
            assertEquals("written with key 0", Stores.get(engine, "old"));
            assertEquals("written with key 1", Stores.get(engine, "new"));
            engine.compact();
            assertEquals(List.of(Set.of(1)), ((FileEngine) engine).segmentKeyIds(), "compaction rewrote everything with key 1");
            assertEquals("written with key 0", Stores.get(engine, "old"));
        }
    }

    @Test
    void encryptionCanBeTurnedOnForAnExistingStore() {
        EngineConfig plain = Stores.config(directory, Durability.OS);
        try (StorageEngine engine = new TestFileBackend().open(plain)) {
            Stores.put(engine, "plain", "1");
            engine.checkpoint();
        }
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                tx.put(bytes("sealed"), bytes("2"));
                tx.commit();
            }
            // before the checkpoint: afterwards a background compaction may already rewrite the plain segment
            assertEquals(List.of(Set.of(-1)), ((FileEngine) engine).segmentKeyIds(), "the old segment stays plain");
            engine.checkpoint();
            assertEquals("1", Stores.get(engine, "plain"));
            List<Set<Integer>> ids = ((FileEngine) engine).segmentKeyIds();
            assertTrue(ids.stream().anyMatch(s -> s.contains(0)), "new blocks are sealed with key 0: " + ids);
        }
        assertThrows(WrongKeyException.class, () -> new TestFileBackend().open(plain), "now it needs its key");
    }
}
