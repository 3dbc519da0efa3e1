package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.strata.api.InvalidArgumentException;

import org.junit.jupiter.api.Test;

/** The throttle holds a job back, and lets it go when the limit changes or the job is cancelled. */
class ThrottleTest {

    private static Thread acquiring(Throttle throttle, long bytes, AtomicBoolean cancelled, CountDownLatch done) {
        Thread t = new Thread(() -> {
            try {
                throttle.acquire(bytes, cancelled::get);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        t.start();
        return t;
    }

    @Test
    void aJobWaitingForTheBudgetGoesOnWhenTheLimitIsLiftedWhileItWaits() throws Exception {
        Throttle throttle = new Throttle(0.001);
        CountDownLatch done = new CountDownLatch(1);
        acquiring(throttle, 10_000_000, new AtomicBoolean(), done);
        assertFalse(done.await(200, TimeUnit.MILLISECONDS), "10 MB at 1 kB/s waits");
        throttle.set(0);
        assertTrue(done.await(10, TimeUnit.SECONDS), "lifting the limit releases it");
    }

    @Test
    void aCancelledJobStopsWaiting() throws Exception {
        Throttle throttle = new Throttle(0.001);
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        acquiring(throttle, 10_000_000, cancelled, done);
        assertFalse(done.await(200, TimeUnit.MILLISECONDS));
        cancelled.set(true);
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThrows(InvalidArgumentException.class, () -> new Throttle(-1));
    }
}
