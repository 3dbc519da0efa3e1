package dev.strata.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of the test runtime's stores and jobs: the system's until a test freezes it, then only what the test
 * sets ({@link #advance}), so expiry is exact and keys expire exactly when a test says.
 */
final class TestClock extends Clock {

    private static final long FOLLOWING = Long.MIN_VALUE;
    private final AtomicLong frozen = new AtomicLong(FOLLOWING);

    /** Stops the clock at the current time. */
    long freeze() {
        long now = System.currentTimeMillis();
        frozen.compareAndSet(FOLLOWING, now);
        return millis();
    }

    /** Moves a frozen clock forward. */
    void advance(Duration by) {
        if (frozen.get() == FOLLOWING) {
            throw new IllegalStateException("freeze the clock first");
        }
        frozen.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
        long f = frozen.get();
        return f == FOLLOWING ? System.currentTimeMillis() : f;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
