package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.strata.api.Change;
import dev.strata.api.ChangePage;
import dev.strata.api.ChangesTrimmedException;
import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Savepoint;
import dev.strata.api.Transaction;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cursor change feed ({@link ManagedStore#changesAfter}, {@link ChangeJournal}) on every engine: a consumer
 * reading pages while concurrent writers commit, conflict, roll back and roll back to savepoints gets every committed
 * commit exactly once, with its final changes, never one that did not commit, and commits that wrote the same key in
 * their commit order; it resumes from its cursor after the store reopens; retention drops the oldest commits and says
 * so to a consumer that fell behind.
 */
class ChangeFeedTest {

    @TempDir
    Path dir;

    static Stream<Engines> engines() {
        return Engines.all().map(arguments -> (Engines) arguments.get()[0]).filter(e -> !e.type().equals("example"));
    }

    static Stream<Engines> persistentEngines() {
        return engines().filter(Engines::persistent);
    }

    /** A commit as its writer saw it: its engine sequence and what it left each key. */
    private record Commit(long sequence, Map<String, Change.Kind> changes) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aConsumerReadingWhileWritersCommitGetsEveryCommitOnceAndNothingElse(Engines engine) throws Exception {
        ManagedStore store = engine.open(dir, "feed", Clock.systemUTC(), "change.feed.retain", "100000");
        Map<String, Commit> committed = new ConcurrentHashMap<>(); // by the commit's unique marker key
        ExecutorService threads = Executors.newFixedThreadPool(5);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(threads.submit(() -> write(store, writer, committed)));
            }
            Future<List<ChangePage>> consumer = threads.submit(() -> {
                List<ChangePage> pages = new ArrayList<>();
                long cursor = 0;
                while (writing.get()) {
                    ChangePage page = store.changesAfter(cursor, 7);
                    pages.add(page);
                    cursor = page.cursor();
                }
                for (ChangePage page = store.changesAfter(cursor, 7); ; page = store.changesAfter(cursor, 7)) {
                    pages.add(page);
                    cursor = page.cursor();
                    if (!page.more()) {
                        return pages;
                    }
                }
            });
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            List<ChangePage> pages = consumer.get(120, TimeUnit.SECONDS);

            Map<Long, Map<String, Change.Kind>> byPosition = new TreeMap<>();
            long previous = 0;
            for (ChangePage page : pages) {
                for (Change change : page.changes()) {
                    assertTrue(change.sequence() >= previous, "feed order: " + change + " after position " + previous);
                    previous = change.sequence();
                    byPosition.computeIfAbsent(change.sequence(), p -> new TreeMap<>()).put(change.key(), change.kind());
                }
                assertTrue(page.changes().isEmpty() || page.cursor() == previous, "the cursor is the last position");
            }
            Map<String, Long> positionOfMarker = new HashMap<>();
            for (Map.Entry<Long, Map<String, Change.Kind>> entry : byPosition.entrySet()) {
                List<String> markers = entry.getValue().keySet().stream().filter(k -> k.startsWith("tx.")).toList();
                assertEquals(1, markers.size(), "one commit per position: " + entry);
                Commit commit = committed.get(markers.get(0));
                assertTrue(commit != null, "a commit that did not commit is in the feed: " + entry);
                assertEquals(commit.changes(), entry.getValue(), "the commit's final changes");
                assertTrue(positionOfMarker.put(markers.get(0), entry.getKey()) == null, "each commit once");
            }
            java.util.Set<String> missed = new java.util.TreeSet<>(committed.keySet());
            missed.removeAll(positionOfMarker.keySet());
            assertEquals(java.util.Set.of(), missed, "committed commits missing from the feed");
            // two commits that wrote one key: the feed has them in commit order
            List<Commit> commits = new ArrayList<>(committed.values());
            Map<Commit, Long> position = new HashMap<>();
            committed.forEach((marker, commit) -> position.put(commit, positionOfMarker.get(marker)));
            for (Commit a : commits) {
                for (Commit b : commits) {
                    if (a.sequence() < b.sequence() && a.changes().keySet().stream()
                            .anyMatch(k -> !k.startsWith("tx.") && b.changes().containsKey(k))) {
                        assertTrue(position.get(a) < position.get(b), "same key, commit order: " + a + " " + b);
                    }
                }
            }
        } finally {
            threads.shutdownNow();
            store.detach("test over", 5_000);
        }
    }

    private static void write(ManagedStore store, int writer, Map<String, Commit> committed) {
        Random random = new Random(31 + writer);
        for (int i = 0; i < 120; i++) {
            String marker = "tx." + writer + "." + i;
            try (Transaction tx = store.begin()) {
                Map<String, Change.Kind> writes = new TreeMap<>();
                Savepoint savepoint = random.nextInt(5) == 0 ? tx.setSavepoint() : null;
                for (int op = 0; op < 1 + random.nextInt(3); op++) {
                    String key = "k" + random.nextInt(10);
                    if (random.nextInt(4) == 0) {
                        tx.delete(key);
                        writes.put(key, Change.Kind.DELETE);
                    } else {
                        tx.put(key, new byte[] {(byte) i});
                        writes.put(key, Change.Kind.PUT);
                    }
                }
                if (savepoint != null) {
                    Map<String, Change.Kind> restored = new TreeMap<>();
                    tx.rollbackTo(savepoint);
                    for (String key : writes.keySet()) {
                        restored.put(key, tx.get(key).isPresent() ? Change.Kind.PUT : Change.Kind.DELETE);
                    }
                    writes = restored;
                }
                tx.put(marker, new byte[0]);
                writes.put(marker, Change.Kind.PUT);
                if (random.nextInt(4) == 0) {
                    tx.rollback();
                    continue;
                }
                long sequence = tx.commit();
                committed.put(marker, new Commit(sequence, writes));
            } catch (ConflictException e) {
                // another writer won: nothing of this one may be in the feed
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("persistentEngines")
    void aConsumerResumesFromItsCursorAfterTheStoreReopens(Engines engine) {
        ManagedStore store = engine.open(dir, "resume", Clock.systemUTC(), "change.feed.retain", "1000");
        for (int i = 0; i < 50; i++) {
            store.put("key." + i, new byte[] {(byte) i});
        }
        ChangePage first = store.changesAfter(0, 20);
        assertEquals(20, first.changes().size());
        assertTrue(first.more());
        assertEquals("key.19", first.changes().get(19).key());
        store.detach("restart", 5_000);

        ManagedStore reopened = engine.open(dir, "resume", Clock.systemUTC(), "change.feed.retain", "1000");
        try {
            reopened.put("key.50", new byte[] {50});
            List<String> rest = new ArrayList<>();
            long cursor = first.cursor();
            for (ChangePage page = reopened.changesAfter(cursor, 8); ; page = reopened.changesAfter(cursor, 8)) {
                page.changes().forEach(change -> rest.add(change.key()));
                assertTrue(page.cursor() >= cursor);
                cursor = page.cursor();
                if (!page.more()) {
                    break;
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 20; i <= 50; i++) {
                expected.add("key." + i);
            }
            assertEquals(expected, rest, "neither missed nor repeated across the reopen");
            assertTrue(reopened.changesAfter(cursor, 10).changes().isEmpty());
            assertEquals(cursor, reopened.changesAfter(cursor, 10).cursor());
        } finally {
            reopened.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void retentionKeepsTheNewestCommitsAndTellsAConsumerThatFellBehind(Engines engine) {
        TestClock clock = new TestClock(1_796_083_200_000L);
        ManagedStore store = engine.open(dir, "retain", clock, "change.feed.retain", "10", "change.feed.age", "1h");
        try {
            for (int i = 0; i < 30; i++) {
                store.put("key." + i, new byte[0]);
            }
            long base = store.changesAfter(0, 1).changes().get(0).sequence() - 1; // the feed's origin
            assertEquals(clock.millis() * ChangeJournal.ORIGIN_PER_MILLI, base, "a feed begins after its origin");
            assertTrue(store.changeFeedTrimDue());
            assertEquals(20, store.trimChangeFeed(60_000));
            assertFalse(store.changeFeedTrimDue() && store.trimChangeFeed(60_000) > 0, "nothing more beyond 10");
            ChangesTrimmedException behind = assertThrows(ChangesTrimmedException.class,
                    () -> store.changesAfter(base + 5, 100));
            assertEquals(base + 20, behind.trimmedThrough());
            ChangePage kept = store.changesAfter(base + 20, 100);
            assertEquals(10, kept.changes().size());
            assertEquals("key.20", kept.changes().get(0).key());
            assertEquals(10L, store.metrics().extra().get("changes.held").longValue());

            clock.advance(Duration.ofMinutes(61));
            store.put("late", new byte[0]);
            assertEquals(10, store.trimChangeFeed(60_000), "the ten older than an hour");
            ChangePage late = store.changesAfter(base + 30, 100);
            assertEquals(List.of("late"), late.changes().stream().map(Change::key).toList());
            assertThrows(ChangesTrimmedException.class, () -> store.changesAfter(base + 29, 100));
        } finally {
            store.detach("test over", 5_000);
        }
    }

    /**
     * A restore or a migration copies keys onto a fresh engine, where the feed begins anew: a consumer's cursor from
     * the old feed must be refused with ChangesTrimmedException, never silently re-read or skip the new feed's commits.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("persistentEngines")
    void aCursorFromTheFeedBeforeARestoreOrMigrationIsRefusedNotReused(Engines engine) {
        TestClock clock = new TestClock(1_796_083_200_000L);
        ManagedStore old = engine.open(dir.resolve("old"), "orders", clock, "change.feed.retain", "1000");
        long oldCursor;
        try {
            for (int i = 0; i < 40; i++) {
                old.put("key." + i, new byte[] {(byte) i});
            }
            oldCursor = old.changesAfter(0, 25).cursor(); // the consumer stopped here
        } finally {
            old.detach("migrated away", 5_000);
        }
        clock.advance(Duration.ofMinutes(5));
        ManagedStore restored = engine.open(dir.resolve("new"), "orders", clock, "change.feed.retain", "1000");
        try {
            for (int i = 0; i < 40; i++) { // what a restore or a migration job does: the keys, through the API
                restored.put("key." + i, new byte[] {(byte) i});
            }
            long origin = clock.millis() * ChangeJournal.ORIGIN_PER_MILLI;
            for (long stale : new long[] {oldCursor, 3, origin - 1, origin + 41}) {
                ChangesTrimmedException refused = assertThrows(ChangesTrimmedException.class,
                        () -> restored.changesAfter(stale, 100), "cursor " + stale);
                assertEquals(origin, refused.trimmedThrough());
            }
            ChangePage all = restored.changesAfter(0, 100);
            assertEquals(40, all.changes().size(), "from 0: the whole new feed");
            assertEquals(origin + 1, all.changes().get(0).sequence());
            assertEquals(40, restored.changesAfter(origin, 100).changes().size(), "resuming at trimmedThrough");
        } finally {
            restored.detach("restart", 5_000);
        }
        clock.advance(Duration.ofMinutes(5));
        ManagedStore reopened = engine.open(dir.resolve("new"), "orders", clock, "change.feed.retain", "1000");
        try {
            reopened.put("after.restart", new byte[0]);
            long origin = (clock.millis() - 300_000) * ChangeJournal.ORIGIN_PER_MILLI;
            ChangePage next = reopened.changesAfter(origin + 40, 10);
            assertEquals(List.of("after.restart"), next.changes().stream().map(Change::key).toList());
            assertEquals(origin + 41, next.changes().get(0).sequence(), "a reopen keeps the origin: positions go on");
        } finally {
            reopened.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aStoreWithoutAFeedAndBadArgumentsAreRefused(Engines engine) {
        ManagedStore plain = engine.open(dir.resolve("plain"), "plain", Clock.systemUTC());
        ManagedStore fed = engine.open(dir.resolve("fed"), "fed", Clock.systemUTC(), "change.feed.retain", "5");
        try {
            plain.put("a", new byte[0]);
            assertThrows(InvalidArgumentException.class, () -> plain.changesAfter(0, 10));
            assertThrows(InvalidArgumentException.class, () -> fed.changesAfter(-1, 10));
            assertThrows(InvalidArgumentException.class, () -> fed.changesAfter(0, 0));
            try (Transaction tx = fed.begin()) {
                tx.put("rolled.back", new byte[0]);
                tx.rollback();
            }
            assertTrue(fed.changesAfter(0, 10).changes().isEmpty(), "a rollback writes nothing to the feed");
            assertEquals(0, fed.changesAfter(0, 10).cursor());
            for (Object[] bad : new Object[][] {{"change.feed.retain", "lots"}, {"change.feed.retain", "-1"},
                    {"change.feed.age", "soon"}}) {
                assertThrows(InvalidArgumentException.class, () -> engine.open(dir.resolve("bad"), "bad",
                        Clock.systemUTC(), "change.feed.retain", "5", bad[0], bad[1]), bad[0] + "=" + bad[1]);
            }
        } finally {
            plain.detach("test over", 5_000);
            fed.detach("test over", 5_000);
        }
    }
}
