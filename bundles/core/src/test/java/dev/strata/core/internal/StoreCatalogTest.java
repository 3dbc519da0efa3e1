package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.BackendInfo;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.backend.memory.MemoryBackend;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCatalogTest {

    @TempDir
    Path dir;

    private final StoreCatalog catalog = new StoreCatalog();
    private final List<String> published = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        catalog.start(dir, new StoreCatalog.Publisher() {
            @Override
            public void publish(ManagedStore store) {
                published.add(store.name());
            }

            @Override
            public void withdraw(ManagedStore store) {
                published.remove(store.name());
            }
        }, new StoreCatalog.Events() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void error(String message, Throwable cause) {
                log.add("ERROR " + message);
            }
        });
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        catalog.stop();
    }

    private ManagedStore store(String name) {
        return catalog.find(name).orElseThrow();
    }

    @Test
    void aStoreWaitsForItsBackendAndFollowsIt() {
        catalog.define(MemoryStores.definition("orders", "memory"));
        assertEquals(StoreStatus.UNAVAILABLE, store("orders").info().status());
        assertEquals(List.of(), published);

        MemoryBackend backend = new MemoryBackend();
        catalog.addBackend(backend, MemoryStores.info(backend, "memory"));
        assertEquals(StoreStatus.ONLINE, store("orders").info().status());
        assertEquals(List.of("orders"), published);
        assertEquals(List.of("memory"), catalog.backends().stream().map(BackendInfo::type).toList());
        store("orders").put("k", "v".getBytes(UTF_8));

        catalog.removeBackend(backend);
        assertEquals(StoreStatus.UNAVAILABLE, store("orders").info().status());
        assertTrue(store("orders").info().message().contains("not installed"));
        assertEquals(List.of(), published);
        assertEquals(List.of(), catalog.backends());
        assertThrows(StoreUnavailableException.class, () -> store("orders").get("k"));
    }

    @Test
    void aSecondBackendOfTheSameTypeStandsInWhenTheFirstLeaves() {
        MemoryBackend first = new MemoryBackend();
        MemoryBackend second = new MemoryBackend();
        catalog.addBackend(first, MemoryStores.info(first, "memory"));
        catalog.addBackend(second, MemoryStores.info(second, "memory"));
        assertEquals(1, catalog.backends().size(), "one backend serves a type");
        catalog.define(MemoryStores.definition("s", "memory"));
        catalog.removeBackend(second);
        assertEquals(StoreStatus.ONLINE, store("s").info().status(), "removing the stand-in changes nothing");
        store("s").put("k", "v".getBytes(UTF_8));
        catalog.removeBackend(first);
        assertEquals(StoreStatus.UNAVAILABLE, store("s").info().status());
    }

    @Test
    void theStandInTakesOverAStoreImmediately() {
        MemoryBackend first = new MemoryBackend();
        MemoryBackend second = new MemoryBackend();
        catalog.addBackend(first, MemoryStores.info(first, "memory"));
        catalog.addBackend(second, MemoryStores.info(second, "memory"));
        catalog.define(MemoryStores.definition("s", "memory"));
        catalog.removeBackend(first);
        assertEquals(StoreStatus.ONLINE, store("s").info().status());
        store("s").put("k", "v".getBytes(UTF_8));
        assertArrayEquals("v".getBytes(UTF_8), store("s").get("k").orElseThrow());
    }

    @Test
    void definitionsAreValidatedAndUnique() {
        catalog.define(MemoryStores.definition("s", "memory"));
        assertThrows(InvalidArgumentException.class, () -> catalog.define(MemoryStores.definition("s", "file")));
        assertThrows(InvalidArgumentException.class, () -> MemoryStores.definition("../escape", "memory"));
        assertThrows(InvalidArgumentException.class, () -> MemoryStores.definition("", "memory"));
        assertThrows(InvalidArgumentException.class, () -> MemoryStores.definition("ok", ""));
        assertThrows(InvalidArgumentException.class, () -> MemoryStores.definition("ok", "memory", "durability", "sometimes"));
        assertEquals(dev.strata.api.Durability.FSYNC,
                MemoryStores.definition("ok", "memory", "durability", "FSYNC").durability());
    }

    @Test
    void removingAStoreClosesAndForgetsIt() {
        MemoryBackend backend = new MemoryBackend();
        catalog.addBackend(backend, MemoryStores.info(backend, "memory"));
        catalog.define(MemoryStores.definition("s", "memory"));
        ManagedStore store = store("s");
        catalog.remove("s");
        assertTrue(catalog.find("s").isEmpty());
        assertThrows(StoreUnavailableException.class, () -> store.get("k"));
        assertEquals(List.of(), published);
        catalog.define(MemoryStores.definition("s", "memory"));
        assertEquals(StoreStatus.ONLINE, store("s").info().status(), "the name can be defined again");
    }

    @Test
    void aStoreWhoseBackendIsNotReadyYetIsOpenedAgainLater() throws InterruptedException {
        MemoryBackend memory = new MemoryBackend();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        dev.strata.api.spi.StorageBackend flaky = new dev.strata.api.spi.StorageBackend() {
            @Override
            public dev.strata.api.BackendCapabilities capabilities() {
                return memory.capabilities();
            }

            @Override
            public dev.strata.api.spi.StorageEngine open(dev.strata.api.spi.EngineConfig config) {
                if (attempts.incrementAndGet() < 3) {
                    throw new StoreUnavailableException("codec 'lz4' is not installed yet");
                }
                return memory.open(config);
            }
        };
        catalog.addBackend(flaky, MemoryStores.info(flaky, "flaky"));
        catalog.define(MemoryStores.definition("late", "flaky"));
        assertEquals(StoreStatus.UNAVAILABLE, store("late").info().status());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (store("late").info().status() != StoreStatus.ONLINE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(StoreStatus.ONLINE, store("late").info().status());
        assertEquals(3, attempts.get(), "opened again until the backend was ready, then no more");
        assertEquals(List.of("late"), published);
    }

    @Test
    void bookkeepingKeysAreNotPassedToBackends() {
        StoreDefinition definition = MemoryStores.definition("s", "memory", "service.pid", "x", "felix.fileinstall.filename",
                "f", "memory.limit", "64m");
        assertEquals(java.util.Set.of("name", "backend", "durability", "memory.limit"), definition.properties().keySet());
    }
}
