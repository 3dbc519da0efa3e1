package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.PutOptions;
import dev.strata.api.Savepoint;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys by tag ({@link dev.strata.api.ReadOperations#keysTagged}) through the tag index, on every engine: the index
 * follows puts that change tags, deletes, rollbacks and rollbacks to a savepoint (it is written in the caller's
 * transaction), a transaction sees its own tags, an expired key is left out at the instant it expires and the purge
 * removes its entries, and the index survives a restart.
 */
class TagIndexTest {

    @TempDir
    Path dir;

    static Stream<Engines> engines() {
        return Engines.all().map(arguments -> (Engines) arguments.get()[0]);
    }

    private static PutOptions tags(String... tags) {
        return new PutOptions(null, false, Set.of(tags));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theIndexFollowsPutsDeletesAndRollbacks(Engines engine) {
        ManagedStore store = engine.open(dir, "tags", Clock.systemUTC());
        try {
            store.put("user.1", new byte[] {1}, tags("admin", "web"));
            store.put("user.2", new byte[] {2}, tags("web"));
            store.put("user.3", new byte[] {3});
            assertEquals(List.of("user.1", "user.2"), store.keysTagged("web", 100));
            assertEquals(List.of("user.1"), store.keysTagged("admin", 100));
            assertEquals(List.of("user.1"), store.keysTagged("web", 1));

            store.put("user.1", new byte[] {1}, tags("ops")); // a put replaces the tags
            assertEquals(List.of("user.2"), store.keysTagged("web", 100));
            assertEquals(List.of(), store.keysTagged("admin", 100));
            assertEquals(List.of("user.1"), store.keysTagged("ops", 100));
            store.put("user.1", new byte[] {9}); // and a put without tags drops them
            assertEquals(List.of(), store.keysTagged("ops", 100));
            store.delete("user.2");
            assertEquals(List.of(), store.keysTagged("web", 100));

            store.put("user.4", new byte[] {4}, tags("web"));
            try (Transaction tx = store.begin()) {
                tx.put("user.5", new byte[] {5}, tags("web"));
                tx.delete("user.4");
                assertEquals(List.of("user.5"), tx.keysTagged("web", 100), "own writes");
                assertEquals(List.of("user.4"), store.keysTagged("web", 100), "others see the snapshot");
                tx.rollback();
            }
            assertEquals(List.of("user.4"), store.keysTagged("web", 100), "a rollback leaves the index");

            try (Transaction tx = store.begin()) {
                Savepoint savepoint = tx.setSavepoint();
                tx.put("user.4", new byte[] {4}, tags("ops"));
                tx.put("user.6", new byte[] {6}, tags("web"));
                tx.rollbackTo(savepoint);
                tx.put("user.7", new byte[] {7}, tags("web"));
                assertEquals(List.of("user.4", "user.7"), tx.keysTagged("web", 100), "the savepoint restored it");
                tx.commit();
            }
            assertEquals(List.of("user.4", "user.7"), store.keysTagged("web", 100));
            assertEquals(List.of(), store.keysTagged("ops", 100));
            assertEquals(2, indexEntries(store, "web"), "no stale entry left behind");
            assertEquals(0, indexEntries(store, "ops"));
        } finally {
            store.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void anExpiredKeyIsLeftOutAtOnceAndItsEntriesArePurged(Engines engine) {
        TestClock clock = new TestClock(1_796_083_200_000L);
        ManagedStore store = engine.open(dir, "expiring", clock);
        try {
            store.put("session.a", new byte[] {1}, new PutOptions(Duration.ofSeconds(30), false, Set.of("web")));
            store.put("session.b", new byte[] {2}, tags("web"));
            clock.advance(Duration.ofMillis(29_999));
            assertEquals(List.of("session.a", "session.b"), store.keysTagged("web", 10));
            clock.advance(Duration.ofMillis(1));
            assertEquals(List.of("session.b"), store.keysTagged("web", 10), "gone at the instant it expires");
            assertEquals(2, indexEntries(store, "web"), "not yet purged");
            assertEquals(1, store.purgeExpired(60_000));
            assertEquals(1, indexEntries(store, "web"), "the purge took the expired key's entry");
            store.put("session.a", new byte[] {3}, tags("web"));
            assertEquals(List.of("session.a", "session.b"), store.keysTagged("web", 10));
        } finally {
            store.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void longKeysBadInputAndRestarts(Engines engine) {
        ManagedStore store = engine.open(dir, "long", Clock.systemUTC());
        String longKey = "k".repeat(1_020);
        String tag = "t".repeat(255);
        store.put(longKey, new byte[] {1}, tags(tag));
        store.put("short", new byte[] {2}, tags(tag));
        assertEquals(List.of(longKey, "short"), store.keysTagged(tag, 10));
        assertThrows(InvalidArgumentException.class, () -> store.keysTagged("", 10));
        assertThrows(InvalidArgumentException.class, () -> store.keysTagged("web", 0));
        assertThrows(InvalidArgumentException.class, () -> store.keysTagged("x".repeat(256), 10));
        store.detach("restart", 5_000);
        if (engine.persistent()) {
            ManagedStore reopened = engine.open(dir, "long", Clock.systemUTC());
            try {
                assertEquals(List.of(longKey, "short"), reopened.keysTagged(tag, 10), "the index is durable");
                reopened.delete(longKey);
                assertEquals(List.of("short"), reopened.keysTagged(tag, 10));
            } finally {
                reopened.detach("test over", 5_000);
            }
        }
    }

    static Stream<Engines> persistentEngines() {
        return engines().filter(Engines::persistent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("persistentEngines")
    void aStoreWrittenBeforeTheIndexGetsItsIndexBuiltWhenItOpens(Engines engine) {
        ManagedStore store = engine.open(dir, "older", Clock.systemUTC());
        int count = TagIndexBuild.BATCH * 2 + 5;
        for (int i = 0; i < count; i++) {
            store.put(String.format("key.%05d", i), new byte[] {1}, i % 3 == 0 ? tags("web", "t" + i % 2) : tags());
        }
        // as a store written by the Strata before the tag index: tagged records, no entries, no marker
        store.maintain(engine1 -> {
            try (EngineTransaction tx = engine1.begin(TransactionMode.READ_WRITE)) {
                tx.deleteRange(new dev.strata.api.spi.KeyRange(new byte[] {(byte) 0xFF, 't'},
                        new byte[] {(byte) 0xFF, 'u'}));
                tx.delete(TagIndexBuild.MARKER);
                tx.commit();
            }
        });
        assertEquals(0, indexEntries(store, "web"));
        store.detach("restart", 5_000);
        ManagedStore reopened = engine.open(dir, "older", Clock.systemUTC());
        try {
            List<String> web = reopened.keysTagged("web", 10_000);
            assertEquals((count + 2) / 3, web.size());
            assertEquals("key.00000", web.get(0));
            assertEquals(web.size(), indexEntries(reopened, "web"), "built, not scanned");
            assertEquals(List.of("key.00003"), reopened.keysTagged("t1", 1));
        } finally {
            reopened.detach("test over", 5_000);
        }
    }

    /** The tag's entries in the engine, live keys or not: what the index holds. */
    private static int indexEntries(ManagedStore store, String tag) {
        try (EngineTransaction tx = store.engine().orElseThrow().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(CoreKeys.tagged(tag), false)) {
            int count = 0;
            while (cursor.next()) {
                count++;
            }
            return count;
        }
    }
}
