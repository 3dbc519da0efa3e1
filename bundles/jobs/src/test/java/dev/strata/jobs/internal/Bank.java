package dev.strata.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.ConflictException;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.Store;

/** Accounts whose total never changes: each transfer moves money between two accounts in one transaction. */
final class Bank {

    static final int ACCOUNTS = 200;
    static final long OPENING = 1000;

    private Bank() {
    }

    static String account(int i) {
        return String.format("account.%04d", i);
    }

    static void open(Store store) {
        for (int i = 0; i < ACCOUNTS; i++) {
            store.put(account(i), Long.toString(OPENING).getBytes(StandardCharsets.UTF_8));
        }
    }

    static long total(Store store) {
        long sum = 0;
        try (EntryCursor cursor = store.scan(Scan.prefix("account."))) {
            while (cursor.hasNext()) {
                sum += Long.parseLong(new String(cursor.next().value(), StandardCharsets.UTF_8));
            }
        }
        return sum;
    }

    /** Runs random transfers until stopped; counts the committed ones. */
    static Runnable transfers(Store store, long seed, AtomicBoolean stop, AtomicLong committed) {
        return () -> {
            Random random = new Random(seed);
            while (!stop.get()) {
                int from = random.nextInt(ACCOUNTS);
                int to = random.nextInt(ACCOUNTS);
                long amount = 1 + random.nextInt(50);
                try {
                    store.inTransaction(tx -> {
                        long a = Long.parseLong(new String(tx.get(account(from)).orElseThrow(), StandardCharsets.UTF_8));
                        long b = Long.parseLong(new String(tx.get(account(to)).orElseThrow(), StandardCharsets.UTF_8));
                        if (from != to) {
                            tx.put(account(from), Long.toString(a - amount).getBytes(StandardCharsets.UTF_8));
                            tx.put(account(to), Long.toString(b + amount).getBytes(StandardCharsets.UTF_8));
                        }
                    });
                    committed.incrementAndGet();
                } catch (ConflictException | StorageTimeoutException e) {
                    // contention: try another transfer
                }
            }
        };
    }
}
