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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.api.StoreStatus;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.core.internal.fallback.FallbackJournal;
import dev.strata.core.internal.fallback.FallbackRoute;
import dev.strata.core.internal.fallback.ReplayTarget;

/** The replay: resumable after a crash mid-way without applying anything twice, and its write freeze. */
class FallbackReplayTest {

    @TempDir
    Path dir;

    final FileBackend files = new FileBackend(List.of(), null, null);
    final MemoryBackend memory = new MemoryBackend();
    final Map<String, ManagedStore> stores = new HashMap<>();
    ManagedStore primary;

    @BeforeEach
    void open() {
        ManagedStore fallback = new ManagedStore(MemoryStores.definition("fb", "memory"), dir.resolve("fb"));
        fallback.attach(memory, MemoryStores.info(memory, "memory"));
        stores.put("fb", fallback);
        primary = new ManagedStore(MemoryStores.definition("p", "file", "durability", "os", "compression", "none",
                "fallback.store", "fb"), dir.resolve("p"));
        FallbackSetup.wire(primary, name -> Optional.ofNullable(stores.get(name)), Clock.systemUTC());
        primary.attach(files, MemoryStores.info(files, "file"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        primary.detach("test ended", 1_000);
    }

    static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    String read(String key) {
        return primary.directGet(key).map(v -> new String(v, UTF_8)).orElse(null);
    }

    /** Applies through the real replay, and "crashes" right after the n-th apply, before the entry is dropped. */
    static final class CrashAfter implements ReplayTarget {
        final ReplayTarget real;
        final int crashAt;
        int applied;

        CrashAfter(ReplayTarget real, int crashAt) {
            this.real = real;
            this.crashAt = crashAt;
        }

        @Override
        public boolean apply(FallbackJournal.Entry entry) {
            boolean done = real.apply(entry);
            if (++applied == crashAt) {
                throw new IllegalStateException("crash after applying entry " + entry.seq());
            }
            return done;
        }
    }

    @Test
    void aReplayStoppedAfterApplyingAnEntryResumesWithoutApplyingItTwice() {
        primary.detach("backend 'file' is not installed", 1_000);
        for (int i = 1; i <= 300; i++) {
            primary.put("v", b(Integer.toString(i)));
            primary.put("k" + i, b("x" + i));
        }
        primary.attach(files, MemoryStores.info(files, "file"));
        FallbackRoute route = primary.fallback;
        PrimaryReplay target = new PrimaryReplay(primary, "fb", Clock.systemUTC());

        assertThrows(IllegalStateException.class, () -> route.replay(new CrashAfter(target, 401), ReplayLauncher.QUIET));
        assertEquals(StoreStatus.FALLBACK, primary.info().status(), "an interrupted replay leaves the store on its fallback");
        assertEquals(600 - 400, route.journal().pending(), "the crashed entry applied but is still in the journal");

        // a restart of the runtime: the store and its route are made anew and learn the journal from the fallback
        primary.detach("runtime stopped", 1_000);
        primary = new ManagedStore(primary.definition(), dir.resolve("p"));
        FallbackSetup.wire(primary, name -> Optional.ofNullable(stores.get(name)), Clock.systemUTC());
        primary.attach(files, MemoryStores.info(files, "file"));
        assertEquals(StoreStatus.FALLBACK, primary.info().status());
        assertEquals("300", new String(primary.get("v").orElseThrow(), UTF_8), "served from the journal");

        String result = FallbackSetup.replay(primary, ReplayLauncher.QUIET);
        assertEquals(300, primary.metadata("v").orElseThrow().version(), "300 puts of v, none applied twice");
        assertTrue(result.contains("(1 applied before an interruption, skipped)"), result);
        assertEquals(StoreStatus.ONLINE, primary.info().status());
        assertEquals("300", read("v"));
        for (int i = 1; i <= 300; i++) {
            assertEquals("x" + i, read("k" + i));
        }
    }

    @Test
    void theFreezeHoldsCommitsUntilTheJournalIsDrainedThenTheyGoToTheEngine() throws Exception {
        primary.detach("backend 'file' is not installed", 1_000);
        primary.put("a", b("1"));
        primary.put("b", b("1"));
        primary.put("c", b("1"));
        primary.attach(files, MemoryStores.info(files, "file"));
        FallbackRoute route = primary.fallback;

        CountDownLatch inFreeze = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PrimaryReplay real = new PrimaryReplay(primary, "fb", Clock.systemUTC());
        ReplayTarget slow = entry -> {
            boolean applied = real.apply(entry);
            if (entry.seq() == 2) { // three entries: all are applied inside the freeze
                inFreeze.countDown();
                await(release);
            }
            return applied;
        };
        CompletableFuture<String> replay = CompletableFuture.supplyAsync(() -> route.replay(slow, ReplayLauncher.QUIET));
        assertTrue(inFreeze.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> primary.put("c", b("during the freeze")));
        assertThrows(java.util.concurrent.TimeoutException.class, () -> writer.get(300, TimeUnit.MILLISECONDS),
                "a commit waits while the freeze holds");
        assertEquals(FallbackRoute.Mode.JOURNALING, route.mode());

        release.countDown();
        assertTrue(replay.get(10, TimeUnit.SECONDS).startsWith("replayed 3 commit(s)"));
        writer.get(10, TimeUnit.SECONDS);
        assertEquals("during the freeze", read("c"), "the frozen commit went to the engine, after the journal's c");
        assertEquals(0, route.journal().pending(), "and not into the drained journal");
        assertEquals(FallbackRoute.Mode.DIRECT, route.mode());
        assertEquals(StoreStatus.ONLINE, primary.info().status());
    }

    @Test
    void writesArrivingDuringTheReplayAreNeitherLostNorReordered() throws Exception {
        primary.detach("backend 'file' is not installed", 1_000);
        for (int i = 0; i < 1_000; i++) {
            primary.put("seed." + i, b("s" + i));
        }
        primary.attach(files, MemoryStores.info(files, "file"));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger last = new AtomicInteger(-1);
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; !stop.get() || i < 50; i++) {
                primary.put("live." + i, b(Integer.toString(i)));
                primary.put("latest", b(Integer.toString(i)));
                acknowledged.add(i);
                last.set(i);
            }
        });
        String result = FallbackSetup.replay(primary, ReplayLauncher.QUIET);
        stop.set(true);
        writer.get(30, TimeUnit.SECONDS);

        assertTrue(result.startsWith("replayed"), result);
        assertEquals(StoreStatus.ONLINE, primary.info().status());
        assertEquals(0, primary.fallback.journal().pending());
        for (int i = 0; i < 1_000; i++) {
            assertEquals("s" + i, read("seed." + i));
        }
        for (int i : acknowledged) {
            assertEquals(Integer.toString(i), read("live." + i), "acknowledged write live." + i);
        }
        assertEquals(Integer.toString(last.get()), read("latest"), "the last acknowledged write wins");
        assertFalse(acknowledged.isEmpty());
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
