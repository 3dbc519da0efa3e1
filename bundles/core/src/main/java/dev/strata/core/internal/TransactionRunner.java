package dev.strata.core.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionAction;
import dev.strata.api.TransactionOptions;
import dev.strata.api.TransactionWork;

/**
 * Runs work in a transaction and commits it, running it again on a fresh snapshot when the commit conflicts.
 * Conflicting writers back off for a random, growing pause so that they stop colliding instead of retrying in step.
 */
final class TransactionRunner {

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private TransactionRunner() {
    }

    static <T> T run(Store store, TransactionOptions options, TransactionWork<T> work) {
        return run(store, options, store::begin, work);
    }

    /**
     * A single-call write ({@code Store.put}, {@code putAll}, {@code delete}) in a transaction of its own, retried as
     * {@link #run} does. Its first operation is the read of the keys' current records ({@link RecordWriter}), with
     * only the write hooks before it, inside the same call: nothing a caller can observe happens between begin and
     * that read, so the engine may take the snapshot with it ({@code StorageEngine.beginDeferred}; on a database
     * server the begin then costs no round trip of its own).
     */
    static void singleWrite(ManagedStore store, TransactionAction action) {
        singleWriteResult(store, tx -> {
            action.run(tx);
            return null;
        });
    }

    static <T> T singleWriteResult(ManagedStore store, TransactionWork<T> work) {
        return run(store, TransactionOptions.DEFAULT, store::beginSingleWrite, work);
    }

    private static <T> T run(Store store, TransactionOptions options, Function<TransactionOptions, Transaction> begin,
            TransactionWork<T> work) {
        if (options == null || work == null) {
            throw new InvalidArgumentException("transaction options and work must not be null");
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = begin.apply(options)) {
                T result = work.run(tx);
                if (tx.isOpen()) {
                    tx.commit();
                }
                return result;
            } catch (ConflictException conflict) {
                if (attempt >= options.maxAttempts()) {
                    throw conflict;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new StorageTimeoutException("store '" + store.name() + "': transaction still conflicted after "
                            + attempt + " attempts in " + options.timeout(), conflict);
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        long ceiling = Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(attempt, 16));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
