package dev.strata.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the operations inside one open engine so that it is closed only after they have left. Entering is two
 * atomic operations and no lock, because every single get passes through here.
 * <p>
 * Correctness rests on the order of two sequentially consistent accesses on each side: an entrant increments, then
 * reads {@code closing}; the closer writes {@code closing}, then reads the count. Either the entrant sees the gate
 * closing and backs out, or the closer sees the entrant and waits for it.
 */
final class EngineGate {

    private final AtomicInteger inside = new AtomicInteger();
    private volatile boolean closing;

    /** @return false when the gate is closing: the caller must not touch the engine */
    boolean enter() {
        inside.incrementAndGet();
        if (closing) {
            leave();
            return false;
        }
        return true;
    }

    boolean isClosing() {
        return closing;
    }

    void leave() {
        if (inside.decrementAndGet() == 0 && closing) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Refuses new entrants and waits for those inside to leave.
     *
     * @return how many were still inside when the time ran out (0 when all left)
     */
    int closeAndAwait(long timeout, TimeUnit unit) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (inside.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return inside.get();
    }
}
