package dev.strata.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.Transaction;

/**
 * A client that writes through the public API without pause, as an application does while an operator swaps the
 * engine under it. Each write is its own transaction: {@code <prefix>seq.<n>} with a value naming n, and
 * {@code <prefix>last} set to n. A write whose commit returned normally is <em>acknowledged</em> and must survive
 * anything; a write refused with {@link StoreUnavailableException} must have applied nothing (the API's promise),
 * and the writer carries on with the next sequence number after a short back-off. Anything else thrown is
 * recorded as unexpected.
 * <p>
 * The writer rests a fraction of a millisecond between writes: on a shared two-core machine it must leave the
 * framework and the test thread room to work, and it keeps the number of writes to check in bounds.
 */
final class ContinuousWriter implements AutoCloseable {

    /** Back-off after a refusal, so a writer facing an absent backend does not spin (not an expectation). */
    private static final long BACK_OFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long REST_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final int MAX_RECORDED_FAILURES = 20;

    private final Store store;
    private final String prefix;
    private final Thread thread;
    private final NavigableSet<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final NavigableSet<Long> refused = new ConcurrentSkipListSet<>();
    private final List<Throwable> unexpected = new ArrayList<>();
    private final AtomicLong refusals = new AtomicLong();
    private volatile boolean running = true;

    private ContinuousWriter(Store store, String prefix) {
        this.store = store;
        this.prefix = prefix;
        this.thread = new Thread(this::writeUntilStopped, "continuous-writer-" + store.name());
        thread.setDaemon(true);
    }

    /** Starts a writer on the store; its keys begin with prefix. */
    static ContinuousWriter start(Store store, String prefix) {
        ContinuousWriter writer = new ContinuousWriter(store, prefix);
        writer.thread.start();
        return writer;
    }

    long acknowledgedCount() {
        return acknowledged.size();
    }

    long refusalCount() {
        return refusals.get();
    }

    /** Waits until the writer has had a write acknowledged beyond the count given. */
    void awaitAcknowledgedBeyond(long count, String when) {
        Await.until("a write acknowledged " + when + " (acknowledged: " + acknowledgedCount() + ", refused: "
                + refusalCount() + ", unexpected: " + unexpectedFailures() + ")",
                () -> acknowledgedCount() > count || !thread.isAlive());
        assertTrue("the writer thread died " + when, thread.isAlive());
    }

    /** Waits until the writer has been refused with StoreUnavailableException beyond the count given. */
    void awaitRefusedBeyond(long count, String when) {
        Await.until("a write refused with StoreUnavailableException " + when + " (acknowledged: "
                + acknowledgedCount() + ", refused: " + refusalCount() + ")",
                () -> refusalCount() > count || !thread.isAlive());
        assertTrue("the writer thread died " + when, thread.isAlive());
    }

    /** Stops the writer and waits for its thread to end. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(Await.TIMEOUT.toMillis());
        assertFalse("the writer thread ended within " + Await.TIMEOUT.toSeconds() + " s", thread.isAlive());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * After {@link #stop()}: nothing unexpected was thrown, the store holds every acknowledged write with its exact
     * value and none of the refused ones, and {@code last} names the last acknowledged write.
     */
    void assertStoreHoldsExactlyTheAcknowledgedWrites() {
        assertEquals("exceptions other than StoreUnavailableException thrown to the writer", List.of(),
                unexpectedFailures());
        assertFalse("the writer had writes acknowledged", acknowledged.isEmpty());
        Map<String, String> expected = new TreeMap<>();
        acknowledged.forEach(seq -> expected.put(sequenceKey(seq), value(seq)));
        Map<String, String> found = contents(Scan.prefix(prefix + "seq."));
        List<String> lost = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        expected.forEach((key, value) -> {
            String actual = found.get(key);
            if (actual == null) {
                lost.add(key);
            } else if (!actual.equals(value)) {
                wrong.add(key + "=" + actual);
            }
        });
        List<String> appliedThoughRefused = refused.stream().map(this::sequenceKey)
                .filter(found::containsKey).toList();
        assertEquals("acknowledged writes lost (of " + expected.size() + ")", List.of(), lost);
        assertEquals("acknowledged writes with another value", List.of(), wrong);
        assertEquals("writes refused with StoreUnavailableException that were applied anyway", List.of(),
                appliedThoughRefused);
        assertEquals("nothing but the writer's own writes", expected, found);
        assertEquals("'last' names the last acknowledged write (written in the same transactions)",
                value(acknowledged.last()), Stores.text(store.get(prefix + "last")));
    }

    /** The writer's tally, for the test's output. */
    @Override
    public String toString() {
        return thread.getName() + ": " + acknowledgedCount() + " writes acknowledged, " + refusalCount()
                + " refused as unavailable, " + unexpectedFailures().size() + " failed otherwise";
    }

    private List<String> unexpectedFailures() {
        synchronized (unexpected) {
            return unexpected.stream().map(Throwable::toString).toList();
        }
    }

    private void writeUntilStopped() {
        for (long seq = 0; running; seq++) {
            try {
                writeInOwnTransaction(seq, value(seq));
                acknowledged.add(seq);
                LockSupport.parkNanos(REST_NANOS);
            } catch (StoreUnavailableException e) {
                refused.add(seq);
                refusals.incrementAndGet();
                LockSupport.parkNanos(BACK_OFF_NANOS);
            } catch (RuntimeException | Error e) {
                synchronized (unexpected) {
                    if (unexpected.size() < MAX_RECORDED_FAILURES) {
                        unexpected.add(e);
                    }
                }
                LockSupport.parkNanos(BACK_OFF_NANOS);
            }
        }
    }

    private void writeInOwnTransaction(long seq, String value) {
        try (Transaction tx = store.begin()) {
            tx.put(sequenceKey(seq), value.getBytes(UTF_8));
            tx.put(prefix + "last", value.getBytes(UTF_8));
            tx.commit();
        }
    }

    private String value(long seq) {
        return "write " + seq + " of " + thread.getName();
    }

    private String sequenceKey(long seq) {
        return String.format("%sseq.%010d", prefix, seq);
    }

    private Map<String, String> contents(Scan scan) {
        Map<String, String> contents = new TreeMap<>();
        try (EntryCursor cursor = store.scan(scan)) {
            cursor.forEachRemaining(entry -> contents.put(entry.key(), new String(entry.value(), UTF_8)));
        }
        return contents;
    }
}
