package dev.strata.core.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * The read cache's commit marks (its rule 2) when two commits write the same key at once: while one commit's mark is
 * set, no lookup of the key may be served, whatever the other commit's mark does meanwhile. The key then holds a
 * cached value the committing transaction is about to replace, so a lookup served in that window is exactly the
 * stale read {@code ReadCacheTest} once caught at random (a snapshot that included a commit read the value before it).
 */
class ReadCacheMarksTest {

    private static final int ROUNDS = 2_000_000;

    @Test
    void aKeyStaysMarkedWhileAnyCommitWritingItIsUnderWay() throws Exception {
        ReadCache cache = new ReadCache(1 << 20);
        cache.fill(key(), "old".getBytes(StandardCharsets.UTF_8), 0);
        byte[][] out = new byte[1][];
        assertTrue(cache.lookup(key(), 0, out), "the value is cached and served while no commit writes the key");

        // a second commit writing the same key marks and unmarks it over and over: unmarking must never take the
        // first commit's mark with it (the commits are abandoned, so the cached value stays as it is throughout)
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            List<ByteBuffer> keys = List.of(key());
            started.countDown();
            while (!stop.get()) {
                cache.beginCommit(keys, false);
                cache.abandonCommit(keys, false);
            }
        }, "other-commit");
        other.start();
        started.await();
        long servedWhileMarked = 0;
        try {
            List<ByteBuffer> keys = List.of(key());
            for (int i = 0; i < ROUNDS; i++) {
                cache.beginCommit(keys, false);
                if (cache.lookup(key(), Long.MAX_VALUE, out)) {
                    servedWhileMarked++;
                }
                cache.abandonCommit(keys, false);
            }
        } finally {
            stop.set(true);
            other.join();
        }
        assertEquals(0, servedWhileMarked, "lookups served while this thread's commit had the key marked");
        assertTrue(cache.lookup(key(), 0, out), "with both commits gone the key is served again");
    }

    /** A fresh buffer each time, as each transaction wraps its own copy of the key. */
    private static ByteBuffer key() {
        return ByteBuffer.wrap("k1".getBytes(StandardCharsets.UTF_8));
    }
}
