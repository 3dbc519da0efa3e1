package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.strata.api.ConflictException;
import dev.strata.api.StoreMetrics;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Core's read cache under concurrent writers (committing and rolling back) and readers, checked against a model built
 * from the commits afterwards: every read any transaction made must be the key's value as of that transaction's
 * snapshot (the last committed write numbered at or below its snapshot sequence), or its own write. A stale value
 * (an invalidation missed), a future one (served past the snapshot) or a rolled-back one (unique values per write)
 * fails it. Seeded: each thread's choices repeat; only the interleaving varies.
 */
class ReadCacheTest {

    private static final int KEYS = 6;
    private static final String ABSENT = "-";

    @TempDir
    Path dir;

    /** One read: at this snapshot the key had this value (ABSENT for none). */
    private record Observation(long snapshot, String key, String value) {
    }

    /** One {@code Store.get} outside a transaction: snapshots taken just before and just after it, and what it read. */
    private record OneShot(long before, long after, String key, String value) {
    }

    /** One commit: its sequence and what it wrote (ABSENT for a delete). */
    private record Commit(long sequence, Map<String, String> writes) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void noTransactionEverReadsAStaleFutureOrRolledBackValue(Engines engine) throws Exception {
        ManagedStore store = engine.open(dir, "cached", Clock.systemUTC(), "read.cache.size", "64k");
        ConcurrentLinkedQueue<Observation> reads = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Commit> commits = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<OneShot> oneShots = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                work.add(threads.submit(() -> write(store, new Random(1000 + writer), "w" + writer, reads, commits)));
            }
            for (int r = 0; r < 3; r++) {
                int reader = r;
                work.add(threads.submit(() -> read(store, new Random(2000 + reader), reads, oneShots)));
            }
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
            Map<String, NavigableMap<Long, String>> history = new TreeMap<>();
            for (Commit commit : commits) {
                commit.writes().forEach((key, value) ->
                        history.computeIfAbsent(key, k -> new TreeMap<>()).put(commit.sequence(), value));
            }
            int checked = 0;
            for (Observation read : reads) {
                NavigableMap<Long, String> versions = history.getOrDefault(read.key(), new TreeMap<>());
                Map.Entry<Long, String> expected = versions.floorEntry(read.snapshot());
                assertEquals(expected == null ? ABSENT : expected.getValue(), read.value(),
                        "key " + read.key() + " read at snapshot " + read.snapshot() + "; its commits around it: "
                                + versions.subMap(read.snapshot() - 4, true, read.snapshot() + 4, true));
                checked++;
            }
            // a one-shot get is linearizable: it reads the value as of some commit between its two snapshots
            for (OneShot read : oneShots) {
                NavigableMap<Long, String> versions = history.getOrDefault(read.key(), new TreeMap<>());
                Map.Entry<Long, String> atBefore = versions.floorEntry(read.before());
                List<String> allowed = new ArrayList<>();
                allowed.add(atBefore == null ? ABSENT : atBefore.getValue());
                allowed.addAll(versions.subMap(read.before(), false, read.after(), true).values());
                assertTrue(allowed.contains(read.value()), "key " + read.key() + " read by Store.get between snapshots "
                        + read.before() + " and " + read.after() + " as " + read.value() + "; allowed " + allowed);
                checked++;
            }
            StoreMetrics metrics = store.metrics();
            assertTrue(oneShots.size() >= 3_000, "one-shot gets checked: " + oneShots.size());
            assertTrue(checked > 5_000, "enough reads checked: " + checked);
            assertTrue(metrics.cacheHits() > 0 && metrics.cacheMisses() > 0, "the cache served some reads: "
                    + metrics.cacheHits() + " hits, " + metrics.cacheMisses() + " misses");
        } finally {
            threads.shutdownNow();
            store.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void hitsMissesAndEvictionsAreTheStoresCacheFigures(Engines engine) {
        ManagedStore store = engine.open(dir, "figures", Clock.systemUTC(), "read.cache.size", "4k");
        try {
            store.put("hot", "value".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                assertEquals("value", text(store.get("hot")));
            }
            StoreMetrics metrics = store.metrics();
            assertEquals(2, metrics.cacheHits(), "the first get fills, the next two hit");
            assertEquals(2, metrics.cacheMisses(), "the put's read of the key before writing it, the first get");
            assertEquals(0.5, metrics.cacheHitRate(), 1e-9);
            store.put("hot", "changed".getBytes(StandardCharsets.UTF_8));
            assertEquals("changed", text(store.get("hot")), "the commit turned the entry into a tombstone");
            for (int i = 0; i < 200; i++) {
                store.put("k" + i, new byte[100]);
                store.get("k" + i);
            }
            metrics = store.metrics();
            assertTrue(metrics.extra().get("cache.evictions").longValue() > 0, "4k holds a few dozen entries");
            assertTrue(metrics.extra().get("cache.bytes").longValue() <= 4096);
        } finally {
            store.detach("test over", 5_000);
        }
        ManagedStore uncached = engine.open(dir, "plain", Clock.systemUTC());
        try {
            uncached.put("k", new byte[1]);
            uncached.get("k");
            assertTrue(!uncached.metrics().extra().containsKey("cache.bytes"), "no read cache unless configured");
        } finally {
            uncached.detach("test over", 5_000);
        }
    }

    private static void write(ManagedStore store, Random random, String writer,
            ConcurrentLinkedQueue<Observation> reads, ConcurrentLinkedQueue<Commit> commits) {
        for (int i = 0; i < 250; i++) {
            try (Transaction tx = store.begin()) {
                long snapshot = tx.snapshotSequence();
                Map<String, String> writes = new TreeMap<>();
                for (int op = 0; op < 3; op++) {
                    String key = "k" + random.nextInt(KEYS);
                    if (random.nextInt(3) == 0) {
                        String seen = text(tx.get(key));
                        if (writes.containsKey(key)) {
                            assertEquals(writes.get(key), seen, "a transaction reads its own write of " + key);
                        } else {
                            reads.add(new Observation(snapshot, key, seen));
                        }
                    } else if (random.nextInt(5) == 0) {
                        tx.delete(key);
                        writes.put(key, ABSENT);
                    } else {
                        String value = writer + "." + i + "." + op;
                        tx.put(key, value.getBytes(StandardCharsets.UTF_8));
                        writes.put(key, value);
                    }
                }
                if (random.nextInt(4) == 0) {
                    tx.rollback();
                } else {
                    commits.add(new Commit(tx.commit(), writes));
                }
            } catch (ConflictException e) {
                // the other writer won; nothing of this one was applied
            }
        }
    }

    private static void read(ManagedStore store, Random random, ConcurrentLinkedQueue<Observation> reads,
            ConcurrentLinkedQueue<OneShot> oneShots) {
        for (int i = 0; i < 1_000; i++) {
            String oneShotKey = "k" + random.nextInt(KEYS);
            long before = newestSnapshot(store);
            String seen = text(store.get(oneShotKey));
            oneShots.add(new OneShot(before, newestSnapshot(store), oneShotKey, seen));
            try (Transaction tx = store.begin(TransactionMode.READ_ONLY)) {
                long snapshot = tx.snapshotSequence();
                for (int op = 0; op < 4; op++) {
                    String key = "k" + random.nextInt(KEYS);
                    reads.add(new Observation(snapshot, key, text(tx.get(key))));
                }
            }
        }
    }

    private static long newestSnapshot(ManagedStore store) {
        try (Transaction tx = store.begin(TransactionMode.READ_ONLY)) {
            return tx.snapshotSequence();
        }
    }

    private static String text(Optional<byte[]> value) {
        return value.map(v -> new String(v, StandardCharsets.UTF_8)).orElse(ABSENT);
    }
}
