package dev.strata.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a transaction runs: {@link Store#begin(TransactionOptions)} and
 * {@link Store#inTransaction(TransactionOptions, TransactionAction)}.
 *
 * @param mode        read-only or read-write
 * @param isolation   the isolation level the transaction needs; the store refuses a level its backend cannot give
 *                    with {@link InvalidArgumentException}
 * @param maxAttempts how many times the work runs at most when commits conflict (at least 1)
 * @param timeout     the overall time budget across attempts; past it the last conflict is rethrown as
 *                    {@link StorageTimeoutException}
 */
public record TransactionOptions(TransactionMode mode, IsolationLevel isolation, int maxAttempts, Duration timeout) {

    /** Read-write at snapshot isolation, up to 16 attempts within 30 seconds. */
    public static final TransactionOptions DEFAULT = new TransactionOptions(TransactionMode.READ_WRITE,
            IsolationLevel.SNAPSHOT, 16, Duration.ofSeconds(30));

    /** Read-only at snapshot isolation: never conflicts, runs once. */
    public static final TransactionOptions READ_ONLY = new TransactionOptions(TransactionMode.READ_ONLY,
            IsolationLevel.SNAPSHOT, 1, Duration.ofSeconds(30));

    public TransactionOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(timeout, "timeout");
        if (maxAttempts < 1) {
            throw new InvalidArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Options at snapshot isolation (the level every backend provides). */
    public TransactionOptions(TransactionMode mode, int maxAttempts, Duration timeout) {
        this(mode, IsolationLevel.SNAPSHOT, maxAttempts, timeout);
    }

    /** The default options for a mode: {@link #DEFAULT} or {@link #READ_ONLY}. */
    public static TransactionOptions of(TransactionMode mode) {
        return mode == TransactionMode.READ_ONLY ? READ_ONLY : DEFAULT;
    }

    public TransactionOptions withMode(TransactionMode newMode) {
        return new TransactionOptions(newMode, isolation, maxAttempts, timeout);
    }

    public TransactionOptions withIsolation(IsolationLevel level) {
        return new TransactionOptions(mode, level, maxAttempts, timeout);
    }

    public TransactionOptions withMaxAttempts(int attempts) {
        return new TransactionOptions(mode, isolation, attempts, timeout);
    }

    public TransactionOptions withTimeout(Duration newTimeout) {
        return new TransactionOptions(mode, isolation, maxAttempts, newTimeout);
    }
}
