package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.api.Scan;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.Transaction;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.core.internal.fallback.FallbackRoute;

/**
 * A primary store on the file engine with a fallback store on the memory engine, outside any framework: the
 * primary's engine is closed (its backend gone) or reports itself unavailable, writes go on, and the replay brings
 * every acknowledged write into the primary, in order, before the primary serves again.
 */
class FallbackStoreTest {

    @TempDir
    Path dir;

    final FileBackend files = new FileBackend(List.of(), null, null);
    final MemoryBackend memory = new MemoryBackend();
    final Map<String, ManagedStore> stores = new HashMap<>();
    ManagedStore primary;
    ManagedStore fallback;

    @BeforeEach
    void open() {
        fallback = new ManagedStore(MemoryStores.definition("fb", "memory"), dir.resolve("fb"));
        fallback.attach(memory, MemoryStores.info(memory, "memory"));
        stores.put("fb", fallback);
        primary = new ManagedStore(MemoryStores.definition("p", "file", "durability", "os", "compression", "none",
                "fallback.store", "fb"),
                dir.resolve("p"));
        FallbackSetup.wire(primary, name -> Optional.ofNullable(stores.get(name)), Clock.systemUTC());
        stores.put("p", primary);
        primary.attach(files, MemoryStores.info(files, "file"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        primary.detach("test ended", 1_000);
    }

    static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    static String text(Optional<byte[]> value) {
        return value.map(v -> new String(v, UTF_8)).orElse(null);
    }

    void backendGoes() {
        primary.detach("backend 'file' is not installed", 1_000);
    }

    void backendReturns() {
        primary.attach(files, MemoryStores.info(files, "file"));
    }

    @Test
    void writesDuringTheOutageAreJournaledAndReplayedInOrderBeforeThePrimaryServesAgain() {
        primary.put("before", b("old"));
        primary.put("gone", b("x"));
        assertEquals(StoreStatus.ONLINE, primary.info().status());
        backendGoes();

        assertEquals(StoreStatus.FALLBACK, primary.info().status());
        for (int i = 1; i <= 100; i++) {
            primary.put("counter", b(Integer.toString(i)));
        }
        primary.put("new", b("n1"));
        primary.delete("gone");
        primary.inTransaction(tx -> {
            tx.put("pair.a", b("a"));
            tx.put("pair.b", b("b"));
        });
        assertEquals(103, primary.fallback.journal().pending());
        assertTrue(primary.info().message().contains("103 journaled commit(s)"), primary.info().message());

        // reads during the outage: keys written since come from the journal, the rest waits for the backend
        assertEquals("100", text(primary.get("counter")));
        assertEquals(null, text(primary.get("gone")));
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> primary.get("before"));
        assertTrue(refused.getMessage().contains("fallback store 'fb'"), refused.getMessage());
        assertThrows(StoreUnavailableException.class, () -> primary.scan(Scan.prefix("")));
        try (var cursor = fallback.scan(Scan.prefix(""))) {
            assertFalse(cursor.hasNext(), "the journal is in core's key space, not among the fallback's keys");
        }

        backendReturns();
        // back, but the journal is not replayed yet: still on the fallback, still reading the journal
        assertEquals(StoreStatus.FALLBACK, primary.info().status());
        assertEquals("100", text(primary.get("counter")));
        assertEquals("old", text(primary.get("before")), "keys not in the journal are read from the engine meanwhile");
        assertEquals(FallbackRoute.Mode.JOURNALING, primary.fallback.mode());

        String result = FallbackSetup.replay(primary, ReplayLauncher.QUIET);
        assertTrue(result.startsWith("replayed 103 commit(s)"), result);
        assertEquals(StoreStatus.ONLINE, primary.info().status());
        assertEquals(0, primary.fallback.journal().pending());
        assertEquals("100", text(primary.directGet("counter")));
        assertEquals("n1", text(primary.directGet("new")));
        assertEquals(null, text(primary.directGet("gone")));
        assertEquals("old", text(primary.directGet("before")));
        assertEquals("b", text(primary.directGet("pair.b")));
        assertEquals(100, primary.metadata("counter").orElseThrow().version(), "each journaled put applied once");
    }

    @Test
    void anEngineThatCannotReachItsDataCountsAsUnavailableToo() {
        ScriptedBackend scripted = new ScriptedBackend();
        ManagedStore remote = new ManagedStore(MemoryStores.definition("r", "memory", "fallback.store", "fb"),
                dir.resolve("r"));
        FallbackSetup.wire(remote, name -> Optional.ofNullable(stores.get(name)), Clock.systemUTC());
        remote.attach(scripted, MemoryStores.info(scripted, "memory"));
        remote.put("k", b("1"));
        remote.engineAvailability("the server does not answer");
        remote.put("k", b("2"));
        assertEquals(StoreStatus.FALLBACK, remote.info().status());
        assertEquals(1, remote.fallback.journal().pending());
        remote.engineAvailability("");
        FallbackSetup.replay(remote, ReplayLauncher.QUIET);
        assertEquals("2", text(remote.get("k")));
        assertEquals(StoreStatus.ONLINE, remote.info().status());
    }

    @Test
    void aCommitIsJournaledWholeOrNotAtAll() {
        backendGoes();
        try (Transaction tx = primary.begin()) {
            tx.put("x", b("1"));
            tx.put("y", b("2"));
            tx.rollback();
        }
        assertEquals(0, primary.fallback.journal().pending(), "a rolled back transaction journals nothing");
        primary.putAll(Map.of("x", b("1"), "y", b("2"), "z", b("3")));
        assertEquals(1, primary.fallback.journal().pending(), "one commit, one entry");

        fallback.detach("backend 'memory' left", 1_000);
        assertThrows(StoreUnavailableException.class, () -> primary.put("w", b("lost?")),
                "with both away a write is refused, never acknowledged");
        assertEquals(StoreStatus.UNAVAILABLE, primary.info().status());
    }

    @Test
    void theFallbackMustBeAnotherStore() {
        assertThrows(dev.strata.api.InvalidArgumentException.class,
                () -> MemoryStores.definition("p", "file", "fallback.store", "p"));
        assertEquals(Map.of("name", "p", "backend", "file", "durability", "none"),
                MemoryStores.definition("p", "file", "fallback.store", "fb").engineProperties());
    }
}
