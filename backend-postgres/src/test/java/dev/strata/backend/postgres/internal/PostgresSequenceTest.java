package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/**
 * Under concurrent committers, a snapshot's sequence S means exactly "the commits numbered up to S": every snapshot
 * sees every commit numbered at most S and none above. Numbering without the store-row lock (a number taken, then
 * a later number committed first) breaks this.
 */
class PostgresSequenceTest extends ServerEngineTest {

    PostgresSequenceTest() {
        super("seq");
    }

    private static final int WRITERS = 6;
    private static final int COMMITS_PER_WRITER = 150;

    private record Sample(long sequence, Set<String> visible) {
    }

    @Test
    void everySnapshotSeesExactlyTheCommitsNumberedUpToItsSequence() throws Exception {
        Map<Long, String> committed = new ConcurrentHashMap<>();
        List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        fixture.engine(); // opened here: the fixture opens lazily and is not meant for concurrent first use
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < COMMITS_PER_WRITER; n++) {
                        String key = "w" + writer + "." + n;
                        try (EngineTransaction tx = fixture.engine().begin(TransactionMode.READ_WRITE)) {
                            tx.put(key.getBytes(StandardCharsets.UTF_8), new byte[0]);
                            committed.put(tx.commit(), key);
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        try (EngineTransaction tx = fixture.engine().begin(TransactionMode.READ_ONLY);
                             EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
                            Set<String> visible = new HashSet<>();
                            while (cursor.next()) {
                                visible.add(new String(cursor.key(), StandardCharsets.UTF_8));
                            }
                            samples.add(new Sample(tx.snapshotSequence(), visible));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(3, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertEquals(WRITERS * COMMITS_PER_WRITER, committed.size(), "every commit got its own number");
        TreeMap<Long, String> bySequence = new TreeMap<>(committed);
        assertTrue(samples.size() >= 10, "readers sampled while writers ran: " + samples.size());
        for (Sample sample : samples) {
            Set<String> expected = new HashSet<>(bySequence.headMap(sample.sequence(), true).values());
            assertEquals(expected, sample.visible(), "a snapshot at sequence " + sample.sequence()
                    + " sees exactly the commits numbered up to it");
        }
    }
}
