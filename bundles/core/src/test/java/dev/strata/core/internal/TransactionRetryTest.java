package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionOptions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionRetryTest {

    @TempDir
    Path dir;
    ManagedStore store;

    @AfterEach
    void close() {
        store.detach("test over", 1_000);
    }

    private static byte[] number(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private static long number(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    @Test
    void concurrentIncrementsThroughInTransactionAreNeverLost() throws Exception {
        store = MemoryStores.online(dir);
        store.put("counter", number(0));
        int threads = 8;
        int increments = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        store.inTransaction(TransactionOptions.DEFAULT.withMaxAttempts(10_000), tx -> {
                            tx.put("counter", number(number(tx.get("counter").orElseThrow()) + 1));
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * increments, number(store.get("counter").orElseThrow()));
    }

    @Test
    void theLastConflictIsRethrownWhenAttemptsRunOut() {
        store = MemoryStores.online(dir);
        store.put("k", number(0));
        AtomicInteger runs = new AtomicInteger();
        assertThrows(ConflictException.class, () -> store.inTransaction(TransactionOptions.DEFAULT.withMaxAttempts(3), tx -> {
            runs.incrementAndGet();
            tx.put("k", number(1));
            store.put("k", number(2)); // a competing commit after this transaction's snapshot
        }));
        assertEquals(3, runs.get(), "ran once per allowed attempt");
        assertEquals(2, number(store.get("k").orElseThrow()), "the competing writes won, the conflicting ones did not apply");
    }

    @Test
    void theResultOfTheCommittedAttemptIsReturned() {
        store = MemoryStores.online(dir);
        store.put("k", number(41));
        long result = store.inTransactionResult(tx -> {
            long next = number(tx.get("k").orElseThrow()) + 1;
            tx.put("k", number(next));
            return next;
        });
        assertEquals(42, result);
        assertThrows(dev.strata.api.InvalidArgumentException.class,
                () -> new TransactionOptions(dev.strata.api.TransactionMode.READ_WRITE, 0, Duration.ofSeconds(1)));
    }
}
