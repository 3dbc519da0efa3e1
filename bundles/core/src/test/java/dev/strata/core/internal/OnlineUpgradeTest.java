package dev.strata.core.internal;

import static dev.strata.core.internal.StoreFormatTest.finishUpgrade;
import static dev.strata.core.internal.StoreFormatTest.marker;
import static dev.strata.core.internal.StoreFormatTest.upgrading;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.ConflictException;
import dev.strata.api.Durability;
import dev.strata.api.EntryCursor;
import dev.strata.api.PutOptions;
import dev.strata.api.Scan;
import dev.strata.api.StoreStatus;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The format upgrade runs online: a store of raw (older-format) values is ONLINE as soon as it opens, every read
 * returns the right value while the upgrade converts it batch by batch, writes racing the upgrade are never
 * overwritten by it, and an upgrade stopped in the middle carries on after a reopen without converting a key twice.
 */
class OnlineUpgradeTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final int KEYS = StoreFormat.BATCH * 3 + 41;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(T0);

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String key(int i) {
        return String.format("k%05d", i);
    }

    /** Writes {@link #KEYS} raw values ({@code k00000=v0}...) through the SPI, as the older core did. */
    private Map<String, String> writeRaw(Engines engine) throws Exception {
        Path directory = dir.resolve(engine.type());
        Files.createDirectories(directory);
        Map<String, String> written = new TreeMap<>();
        try (StorageEngine raw = engine.backend().get().open(new EngineConfig("up", directory,
                Durability.valueOf(engine.durability().toUpperCase(java.util.Locale.ROOT)),
                Map.of("compression", "none")));
             EngineTransaction tx = raw.begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < KEYS; i++) {
                tx.put(b(key(i)), b("v" + i));
                written.put(key(i), "v" + i);
            }
            tx.commit();
        }
        return written;
    }

    /** Every read path against the expected state: get, getAll, scans both ways, metadata's size. */
    private static void assertReads(ManagedStore store, Map<String, String> expected, String when) {
        List<String> scanned = new ArrayList<>();
        try (EntryCursor cursor = store.scan(Scan.all())) {
            cursor.forEachRemaining(e -> {
                scanned.add(e.key() + "=" + s(e.value()));
                // raw values and records side by side: the cursor's primitive reads agree with its metadata()
                var metadata = cursor.metadata().orElseThrow();
                assertTrue(cursor.hasLiveMetadata(), e.key());
                assertEquals(metadata.createdAt().toEpochMilli(), cursor.createdAtMillis(), e.key() + " " + when);
                assertEquals(metadata.version(), cursor.version(), e.key() + " " + when);
                assertEquals(metadata.expiry().map(java.time.Instant::toEpochMilli).orElse(0L),
                        cursor.expiresAtMillis(), e.key() + " " + when);
                assertEquals(metadata.tags(), cursor.tags(), e.key() + " " + when);
                assertArrayEquals(b(e.key()), cursor.keyBytes(e), e.key());
            });
        }
        List<String> want = expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        assertEquals(want, scanned, "scan " + when);
        Map<String, byte[]> all = store.getAll(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), s(store.get(e.getKey()).orElseThrow()), "get " + e.getKey() + " " + when);
            assertEquals(e.getValue(), s(all.get(e.getKey())), "getAll " + e.getKey() + " " + when);
        }
        String last = expected.keySet().stream().reduce((a, z) -> z).orElseThrow();
        assertEquals(expected.get(last).length(), store.metadata(last).orElseThrow().size(), "metadata " + when);
        try (Transaction tx = store.begin(dev.strata.api.TransactionOptions.READ_ONLY)) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(e.getValue(), s(tx.get(e.getKey()).orElseThrow()), "tx get " + when);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#persistentOnes")
    void opensOnlineAtOnceAndReadsEveryKeyWhileTheUpgradeRuns(Engines engine) throws Exception {
        Map<String, String> expected = writeRaw(engine);
        ManagedStore store = engine.open(dir, "up", clock);
        try {
            assertEquals(StoreStatus.ONLINE, store.info().status(), "no upgrade before the store serves");
            assertTrue(store.info().message().contains("upgrading"), store.info().message());
            assertTrue(upgrading(store));
            assertReads(store, expected, "before any batch");
            assertEquals(0, store.metadata(key(7)).orElseThrow().version(), "a raw value has no recorded metadata");
            int batches = 0;
            while (upgrading(store)) {
                store.upgradeFormat(0); // one batch
                batches++;
                assertReads(store, expected, "after batch " + batches);
            }
            assertEquals(4, batches);
            assertArrayEquals(new byte[] {RecordCodec.FORMAT_2}, marker(store));
            assertEquals(KEYS, store.metrics().extra().get("format.upgraded").longValue());
            assertEquals("", store.info().message());
            assertEquals(Instant.ofEpochMilli(T0), store.metadata(key(7)).orElseThrow().createdAt());
            assertEquals(1, store.metadata(key(7)).orElseThrow().version());
        } finally {
            store.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#persistentOnes")
    void writesAheadOfTheUpgradeAreNeverOverwrittenByIt(Engines engine) throws Exception {
        Map<String, String> expected = writeRaw(engine);
        ManagedStore store = engine.open(dir, "up", clock);
        try {
            store.put(key(3), b("w3"), PutOptions.tags("web"));  // in the first batch's range
            store.put(key(KEYS - 2), b("wlast"), Duration.ofHours(1));               // in the last batch's range
            store.put("k00600x", b("new"));                                          // a new key, mid-range
            assertTrue(store.delete(key(5)));
            expected.put(key(3), "w3");
            expected.put(key(KEYS - 2), "wlast");
            expected.put("k00600x", "new");
            expected.remove(key(5));
            assertReads(store, expected, "after the writes, before any batch");
            store.upgradeFormat(0);
            // a transaction that began before the next batch and commits after it, writing one of its keys: one of
            // the two must lose (here the writer: the upgrade committed first), and nothing is lost silently
            Transaction late = store.begin(dev.strata.api.TransactionOptions.DEFAULT);
            late.put(key(StoreFormat.BATCH + 9), b("late"));
            store.upgradeFormat(0);
            assertThrows(ConflictException.class, late::commit);
            assertReads(store, expected, "after the conflicting writer lost");
            store.put(key(StoreFormat.BATCH + 9), b("late")); // its retry wins
            expected.put(key(StoreFormat.BATCH + 9), "late");
            finishUpgrade(store);
            assertReads(store, expected, "after the upgrade");
            assertEquals(Set.of("web"), store.metadata(key(3)).orElseThrow().tags());
            assertEquals(List.of(key(3)), store.keysTagged("web", 10));
            assertEquals(1, store.metadata(key(3)).orElseThrow().version(), "written once, never wrapped again");
            assertEquals(Instant.ofEpochMilli(T0 + 3_600_000), store.metadata(key(KEYS - 2)).orElseThrow().expiresAt());
            clock.advance(Duration.ofHours(1));
            expected.remove(key(KEYS - 2));
            assertReads(store, expected, "once the ttl of a key written during the upgrade ran out");
        } finally {
            store.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#persistentOnes")
    void aConcurrentWriterAlwaysWinsAndReadersNeverSeeAnEnvelope(Engines engine) throws Exception {
        Map<String, String> expected = writeRaw(engine);
        ManagedStore store = engine.open(dir, "up", clock);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean upgraded = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        Map<String, String> written = new HashMap<>();
        Thread writer = new Thread(() -> {
            Random random = new Random(12);
            try {
                for (int i = 0; !upgraded.get() || i < 200; i++) {
                    String key = key(random.nextInt(KEYS));
                    if (random.nextInt(10) == 0) {
                        store.delete(key);
                        written.put(key, null);
                    } else {
                        store.put(key, b("w" + i));
                        written.put(key, "w" + i);
                    }
                    writes.incrementAndGet();
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        Thread reader = new Thread(() -> {
            Random random = new Random(34);
            try {
                while (!upgraded.get()) {
                    byte[] value = store.get(key(random.nextInt(KEYS))).orElse(null);
                    if (value != null && !s(value).matches("[vw][0-9]+")) {
                        failures.add(new AssertionError("read a value that is no user's: " + s(value)));
                    }
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        try {
            writer.start();
            reader.start();
            while (upgrading(store) && failures.isEmpty()) {
                int before = writes.get();
                store.upgradeFormat(0);
                while (writes.get() < before + 15 && writer.isAlive()) {
                    Thread.onSpinWait(); // let the writer land writes between two batches
                }
            }
            upgraded.set(true);
            writer.join(60_000);
            reader.join(60_000);
            assertEquals(List.of(), List.copyOf(failures));
            assertFalse(upgrading(store));
            written.forEach((key, value) -> {
                if (value == null) {
                    expected.remove(key);
                } else {
                    expected.put(key, value);
                }
            });
            assertReads(store, expected, "after the race");
        } finally {
            upgraded.set(true);
            store.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#persistentOnes")
    void anUpgradeStoppedMidwayResumesAfterAReopenAndConvertsNoKeyTwice(Engines engine) throws Exception {
        Map<String, String> expected = writeRaw(engine);
        ManagedStore store = engine.open(dir, "up", clock);
        try {
            store.upgradeFormat(0);                        // keys 0..511 wrapped at T0
            store.put(key(KEYS - 1), b("mine"));           // a record ahead of the watermark
            expected.put(key(KEYS - 1), "mine");
        } finally {
            store.detach("stopped mid-upgrade", 5_000);
        }
        clock.advance(Duration.ofHours(1));
        ManagedStore again = engine.open(dir, "up", clock);
        try {
            assertEquals(StoreStatus.ONLINE, again.info().status());
            assertTrue(upgrading(again));
            assertReads(again, expected, "after the reopen");
            finishUpgrade(again);
            assertReads(again, expected, "after the resumed upgrade");
            assertEquals(KEYS - StoreFormat.BATCH - 1, again.metrics().extra().get("format.upgraded").longValue());
            assertEquals(Instant.ofEpochMilli(T0), again.metadata(key(0)).orElseThrow().createdAt());
            assertEquals(Instant.ofEpochMilli(T0), again.metadata(key(StoreFormat.BATCH - 1)).orElseThrow().createdAt());
            assertEquals(Instant.ofEpochMilli(T0 + 3_600_000),
                    again.metadata(key(StoreFormat.BATCH)).orElseThrow().createdAt());
            assertEquals(Instant.ofEpochMilli(T0), again.metadata(key(KEYS - 1)).orElseThrow().createdAt());
        } finally {
            again.detach("test over", 5_000);
        }
    }
}
