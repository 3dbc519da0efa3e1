package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.strata.api.Change;
import dev.strata.api.ChangeListener;
import dev.strata.api.ConflictException;
import dev.strata.api.Savepoint;
import dev.strata.api.Transaction;
import dev.strata.api.spi.StorageBackend;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Change listeners under concurrent writers that commit, roll back, conflict and roll back to savepoints: the
 * listener sees every committed change of the keys its pattern selects exactly once, in commit order, and nothing of a
 * transaction that did not commit.
 */
class ChangeEventsTest {

    @TempDir
    Path dir;

    private record Key(long sequence, String key, Change.Kind kind) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySequence = Long.compare(sequence, other.sequence);
            return bySequence != 0 ? bySequence : key.compareTo(other.key);
        }
    }

    static Stream<Engines> engines() {
        return Engines.all().map(arguments -> (Engines) arguments.get()[0]).filter(e -> !e.type().equals("example"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aListenerSeesEveryCommittedChangeOnceInCommitOrderAndNothingElse(Engines engine) throws Exception {
        ChangeHub hub = new ChangeHub((message, failure) -> { });
        List<Change> heard = Collections.synchronizedList(new ArrayList<>());
        ChangeListener listener = heard::add;
        hub.add(listener, Map.of(ChangeListener.STORE_PROPERTY, "events", ChangeListener.PATTERN_PROPERTY, "k*"));
        hub.add(change -> { throw new IllegalStateException("a failing listener disturbs nobody"); }, Map.of());
        StorageBackend backend = engine.backend().get();
        ManagedStore store = new ManagedStore(MemoryStores.definition("events", engine.type(), "durability",
                engine.durability(), "compression", "none"), dir.resolve(engine.type()), Clock.systemUTC(), hub);
        store.attach(backend, MemoryStores.info(backend, engine.type()));
        ConcurrentLinkedQueue<Key> committed = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Random random = new Random(77 + w);
                writers.add(threads.submit(() -> write(store, random, committed)));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            long expected = committed.size();
            CatalogFixture.await("every change delivered", () -> heard.size() >= expected);
            Thread.sleep(50); // a duplicate, if any, would arrive now
            List<Key> received = heard.stream().map(c -> new Key(c.sequence(), c.key(), c.kind())).toList();
            for (int i = 1; i < received.size(); i++) {
                assertTrue(received.get(i - 1).sequence() <= received.get(i).sequence(),
                        "commit order: " + received.get(i - 1) + " then " + received.get(i));
            }
            assertEquals(new TreeSet<>(committed), new TreeSet<>(received), "exactly the committed changes");
            assertEquals(committed.size(), received.size(), "each once");
            assertTrue(heard.stream().allMatch(c -> c.store().equals("events")));
            assertTrue(store.metrics().extra().get("events.listenerErrors").longValue() > 0);
        } finally {
            threads.shutdownNow();
            store.detach("test over", 5_000);
            hub.stop();
        }
    }

    private static void write(ManagedStore store, Random random, ConcurrentLinkedQueue<Key> committed) {
        for (int i = 0; i < 150; i++) {
            try (Transaction tx = store.begin()) {
                Map<String, Change.Kind> writes = new TreeMap<>();
                Savepoint savepoint = random.nextInt(5) == 0 ? tx.setSavepoint() : null;
                for (int op = 0; op < 1 + random.nextInt(3); op++) {
                    String key = "k" + random.nextInt(12);
                    if (random.nextInt(4) == 0) {
                        tx.delete(key);
                        writes.put(key, Change.Kind.DELETE);
                    } else {
                        tx.put(key, new byte[] {(byte) i});
                        writes.put(key, Change.Kind.PUT);
                    }
                }
                tx.put("other." + random.nextInt(3), new byte[1]); // outside the listener's pattern
                if (savepoint != null) {
                    Set<String> undone = writes.keySet();
                    Map<String, Boolean> before = new TreeMap<>();
                    tx.rollbackTo(savepoint);
                    for (String key : undone) {
                        before.put(key, tx.get(key).isPresent());
                    }
                    writes.clear();
                    before.forEach((key, present) -> writes.put(key, present ? Change.Kind.PUT : Change.Kind.DELETE));
                }
                if (random.nextInt(4) == 0) {
                    tx.rollback();
                    continue;
                }
                long sequence = tx.commit();
                writes.forEach((key, kind) -> committed.add(new Key(sequence, key, kind)));
            } catch (ConflictException e) {
                // another writer won; none of this one's changes may be heard
            }
        }
    }
}
