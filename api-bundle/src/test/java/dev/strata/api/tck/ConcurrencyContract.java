package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/**
 * Concurrent transactions stay correct: random transfers between accounts never create or destroy money as seen by
 * concurrent readers, and concurrent increments are never lost.
 */
public interface ConcurrencyContract extends EngineContract {

    int ACCOUNTS = 100;
    long OPENING_BALANCE = 1_000;
    int WRITERS = 8;
    int TRANSFERS_PER_WRITER = 500;

    private static byte[] account(int i) {
        return bytes(String.format("account.%03d", i));
    }

    private static byte[] amount(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static long amount(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    @Test
    default void transfersNeverChangeTheTotal() throws Exception {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < ACCOUNTS; i++) {
                tx.put(account(i), amount(OPENING_BALANCE));
            }
            tx.commit();
        }
        long expectedTotal = ACCOUNTS * OPENING_BALANCE;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong committed = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong audits = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Random random = new Random(w);
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < TRANSFERS_PER_WRITER; n++) {
                        int from = random.nextInt(ACCOUNTS);
                        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                        long sum = 1 + random.nextInt(50);
                        while (true) {
                            try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
                                tx.put(account(from), amount(amount(tx.get(account(from))) - sum));
                                tx.put(account(to), amount(amount(tx.get(account(to))) + sum));
                                tx.commit();
                                committed.incrementAndGet();
                                break;
                            } catch (ConflictException e) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                boolean byCursor = r == 0;
                readers.add(pool.submit(() -> {
                    do {
                        assertEquals(expectedTotal, byCursor ? totalByCursor() : totalByGets(), "total of one snapshot");
                        audits.incrementAndGet();
                    } while (writing.get());
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertEquals(WRITERS * TRANSFERS_PER_WRITER, committed.get(), "every transfer committed exactly once");
        assertEquals(expectedTotal, totalByCursor());
        assertTrue(audits.get() >= 2, "readers audited while writers ran");
    }

    private long totalByCursor() {
        long total = 0;
        int seen = 0;
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.prefix(bytes("account.")), false)) {
            while (cursor.next()) {
                total += amount(cursor.value());
                seen++;
            }
        }
        assertEquals(ACCOUNTS, seen, "every account visible");
        return total;
    }

    private long totalByGets() {
        long total = 0;
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            for (int i = 0; i < ACCOUNTS; i++) {
                total += amount(tx.get(account(i)));
            }
        }
        return total;
    }

    @Test
    default void concurrentIncrementsAreNeverLost() throws Exception {
        put(bytes("counter"), amount(0));
        int threads = 8;
        int increments = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
                                tx.put(bytes("counter"), amount(amount(tx.get(bytes("counter"))) + 1));
                                tx.commit();
                                break;
                            } catch (ConflictException retry) {
                                // another thread won; read again
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * increments, amount(get(bytes("counter"))));
    }
}
