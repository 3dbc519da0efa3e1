package dev.strata.jobs.internal;

import java.util.function.BooleanSupplier;

/**
 * The bandwidth all jobs share, in MB/s (10^6 bytes), changeable at any time; 0 is unlimited. A job asks for the
 * bytes of each chunk after moving it; the throttle sleeps it until the budget allows (a simple pacing clock: the
 * next free instant moves forward by bytes / rate), waking early when the rate changes or the job is cancelled.
 */
public final class Throttle {

    private static final long MAX_SLEEP_NANOS = 50_000_000L;

    private volatile double bytesPerSecond;
    private long nextFreeNanos = System.nanoTime();

    public Throttle(double megabytesPerSecond) {
        set(megabytesPerSecond);
    }

    public void set(double megabytesPerSecond) {
        if (megabytesPerSecond < 0 || Double.isNaN(megabytesPerSecond) || Double.isInfinite(megabytesPerSecond)) {
            throw new dev.strata.api.InvalidArgumentException("throttle must be 0 (unlimited) or a positive MB/s, was "
                    + megabytesPerSecond);
        }
        bytesPerSecond = megabytesPerSecond * 1_000_000d;
        synchronized (this) {
            nextFreeNanos = Math.min(nextFreeNanos, System.nanoTime());
            notifyAll();
        }
    }

    public double megabytesPerSecond() {
        return bytesPerSecond / 1_000_000d;
    }

    /** Charges the bytes and sleeps until they fit the budget; returns early when {@code cancelled} turns true. */
    public void acquire(long bytes, BooleanSupplier cancelled) throws InterruptedException {
        double rate = bytesPerSecond;
        if (rate <= 0 || bytes <= 0) {
            return;
        }
        long until;
        synchronized (this) {
            long now = System.nanoTime();
            nextFreeNanos = Math.max(nextFreeNanos, now) + (long) (bytes / rate * 1e9);
            until = nextFreeNanos;
        }
        while (!cancelled.getAsBoolean()) {
            long left = until - System.nanoTime();
            if (left <= 0 || bytesPerSecond <= 0) {
                return;
            }
            synchronized (this) {
                long wait = Math.min(left, MAX_SLEEP_NANOS);
                wait(wait / 1_000_000L, (int) (wait % 1_000_000L));
                if (bytesPerSecond != rate) {
                    // the rate changed: charge again at the new rate from now
                    until = Math.min(until, System.nanoTime() + (long) (bytes / Math.max(bytesPerSecond, 1) * 1e9));
                    rate = bytesPerSecond;
                }
            }
        }
    }
}
