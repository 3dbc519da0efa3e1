package dev.strata.core.internal;

import java.util.concurrent.TimeUnit;

/**
 * Whether a store's engine is being opened, and why it takes time (recovery, or a service its backend needs that
 * is still starting). Callers that arrive meanwhile wait a moment for the open to end instead of failing at once:
 * a store comes up within a second at boot, and a client that is already running should not see that.
 */
final class OpeningState {

    private String reason;
    /** Told after each begin and end, outside this monitor (the store's status watch). */
    private final Runnable changed;

    OpeningState(Runnable changed) {
        this.changed = changed;
    }

    /** Marks the store opening; {@code why} is what {@code strata:stores} shows meanwhile. */
    void begin(String why) {
        synchronized (this) {
            reason = why;
        }
        changed.run();
    }

    /** The open ended (engine open, or given up for now): wakes every waiting caller. */
    void end() {
        synchronized (this) {
            reason = null;
            notifyAll();
        }
        changed.run();
    }

    synchronized boolean active() {
        return reason != null;
    }

    /** Why the store is opening, or {@code null} when it is not. */
    synchronized String reason() {
        return reason;
    }

    /**
     * Waits until the open ends or the time runs out.
     *
     * @return true when the store is not opening (any more)
     */
    synchronized boolean awaitEnd(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (reason != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reason == null;
        }
        return true;
    }
}
