package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.strata.api.ConflictException;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.document.KeyValueIndex;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writers in explicit transactions that stay open a little between their put and their commit, while key-value
 * indexes are created, dropped and created again: afterwards every index holds exactly the entries of the keys'
 * values. A writer that put before an index existed and commits after its build read the key is what the creation
 * waits for.
 */
class ConcurrentKeyValueIndexTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void writersRacingIndexCreationLeaveNoEntryMissingOrStale(String engine) throws Exception {
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            ManagedStore store = EngineStores.open(engine, directory, service);
            try {
                for (int round = 0; round < 8; round++) {
                    AtomicBoolean stop = new AtomicBoolean();
                    AtomicReference<Throwable> failure = new AtomicReference<>();
                    List<Thread> writers = new ArrayList<>();
                    for (int w = 0; w < 3; w++) {
                        Random random = new Random(round * 10L + w);
                        Thread writer = new Thread(() -> write(store, random, stop, failure));
                        writer.start();
                        writers.add(writer);
                    }
                    Thread.sleep(5); // writers hold transactions open across the creation
                    service.createKeyValueIndex(store, KeyValueIndex.of("by_v", "k.*", "v"));
                    service.createKeyValueIndex(store, KeyValueIndex.of("by_w", "k.*", "w"));
                    Thread.sleep(10);
                    if (round % 3 == 2) {
                        service.dropKeyValueIndex(store, "by_w"); // while writers still maintain it
                    }
                    stop.set(true);
                    for (Thread writer : writers) {
                        writer.join();
                    }
                    assertEquals(null, failure.get());
                    KeyValueIndexAudit.check(store);
                    service.dropKeyValueIndex(store, "by_v");
                    service.dropKeyValueIndex(store, "by_w");
                }
            } finally {
                EngineStores.close(store);
            }
        }
    }

    private static void write(ManagedStore store, Random random, AtomicBoolean stop, AtomicReference<Throwable> failure) {
        while (!stop.get() && failure.get() == null) {
            try (Transaction tx = store.begin(TransactionMode.READ_WRITE)) {
                String key = "k." + random.nextInt(60);
                if (random.nextInt(5) == 0) {
                    tx.delete(key);
                } else {
                    tx.put(key, ("{\"v\":" + random.nextInt(8) + ",\"w\":[" + random.nextInt(3) + "]}")
                            .getBytes(StandardCharsets.UTF_8));
                }
                Thread.sleep(random.nextInt(4));
                tx.commit();
            } catch (ConflictException e) {
                // another writer or a build batch won: nothing applied
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }
    }
}
