package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StoreStatus;
import dev.strata.backend.memory.MemoryBackend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings {@code data.dir} (where a store's files are) and {@code read.only} (a store that refuses writes). */
class StoreLocationTest {

    @TempDir
    Path dir;
    private CatalogFixture fixture;
    private final MemoryBackend backend = new MemoryBackend();

    @BeforeEach
    void start() {
        fixture = new CatalogFixture(dir);
        fixture.catalog.addBackend(backend, MemoryStores.info(backend, "memory"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theDataDirectoryIsTheStoresNameUnlessDataDirNamesAnother() throws Exception {
        fixture.catalog.define(MemoryStores.definition("plain", "memory"));
        fixture.catalog.define(MemoryStores.definition("moved", "memory", "data.dir", "moved@file"));
        fixture.catalog.define(MemoryStores.definition("elsewhere", "memory", "data.dir",
                dir.resolve("outside").toString()));
        fixture.settle("plain");
        fixture.settle("moved");
        fixture.settle("elsewhere");
        assertTrue(Files.isDirectory(dir.resolve("plain")));
        assertTrue(Files.isDirectory(dir.resolve("moved@file")));
        assertFalse(Files.exists(dir.resolve("moved")));
        assertTrue(Files.isDirectory(dir.resolve("outside")));
    }

    @Test
    void aReadOnlyStoreServesReadsAndRefusesWritesAndHousekeeping() throws Exception {
        ManagedStore store = MemoryStores.online(dir);
        store.put("k", "v".getBytes(UTF_8));
        ManagedStore frozen = new ManagedStore(MemoryStores.definition("test", "memory", "read.only", "true"),
                dir.resolve("test"));
        frozen.attach(backend, MemoryStores.info(backend, "memory"));
        assertEquals(StoreStatus.READ_ONLY, frozen.info().status());
        assertTrue(frozen.info().message().contains("read.only=true"), frozen.info().message());
        assertThrows(ReadOnlyException.class, () -> frozen.put("k", "w".getBytes(UTF_8)));
        assertThrows(ReadOnlyException.class, () -> frozen.delete("k"));
        assertThrows(ReadOnlyException.class, () -> frozen.maintain(e -> e.checkpoint()));
        assertThrows(ReadOnlyException.class, () -> frozen.maintain(e -> e.compact()));
        assertFalse(frozen.get("k").isPresent(), "a fresh memory engine holds nothing");
        assertArrayEquals("v".getBytes(UTF_8), store.get("k").orElseThrow());
        store.maintain(e -> e.checkpoint());
        frozen.detach("test", 100);
        store.detach("test", 100);
    }

    @Test
    void aReadOnlyFlagThatIsNotABooleanIsRefusedWithTheDefinition() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> MemoryStores.definition("s", "memory", "read.only", "maybe"));
        assertEquals("store 's': read.only must be true or false, was 'maybe'", e.getMessage());
    }
}
