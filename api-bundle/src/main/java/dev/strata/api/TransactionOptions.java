package dev.strata.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Store#inTransaction(TransactionOptions, TransactionAction)} runs its work.
 *
 * @param mode        read-only or read-write
 * @param maxAttempts how many times the work runs at most when commits conflict (at least 1)
 * @param timeout     the overall time budget across attempts; past it the last conflict is rethrown as
 *                    {@link StorageTimeoutException}
 */
public record TransactionOptions(TransactionMode mode, int maxAttempts, Duration timeout) {

    /** Read-write, up to 16 attempts within 30 seconds. */
    public static final TransactionOptions DEFAULT = new TransactionOptions(TransactionMode.READ_WRITE, 16,
            Duration.ofSeconds(30));

    /** Read-only: never conflicts, runs once. */
    public static final TransactionOptions READ_ONLY = new TransactionOptions(TransactionMode.READ_ONLY, 1,
            Duration.ofSeconds(30));

    public TransactionOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (maxAttempts < 1) {
            throw new InvalidArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidArgumentException("timeout must be positive, was " + timeout);
        }
    }

    public TransactionOptions withMaxAttempts(int attempts) {
        return new TransactionOptions(mode, attempts, timeout);
    }

    public TransactionOptions withTimeout(Duration newTimeout) {
        return new TransactionOptions(mode, maxAttempts, newTimeout);
    }
}
