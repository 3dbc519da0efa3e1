package dev.strata.api.tck.crash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

/**
 * What a store holds after a crash, read from one snapshot and checked against the shape {@link CrashWriter}
 * writes: every transaction found is whole (all its keys, each with its exact value), transactions are numbered
 * 1..max without gaps (the writer runs them one after another), and {@code last} names the highest.
 *
 * @param wholeTransactions transactions found with every key
 * @param maxTransaction    the highest transaction number found (0 when none)
 * @param problems          one line per violation; empty when the store is consistent
 */
record RecoveredStore(long wholeTransactions, long maxTransaction, List<String> problems) {

    private static final int MAX_REPORTED = 20;

    static RecoveredStore read(StorageEngine engine) {
        List<String> problems = new ArrayList<>();
        TreeMap<Long, Integer> keysByTransaction = new TreeMap<>();
        byte[] last;
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.prefix(CrashTransactions.PREFIX), false)) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                long n = CrashTransactions.transactionOf(key);
                int i = CrashTransactions.indexOf(key);
                if (n < 0 || i < 0 || i >= CrashTransactions.KEYS_PER_TRANSACTION) {
                    report(problems, "unexpected key " + text(key));
                } else if (!Arrays.equals(CrashTransactions.value(n, i), cursor.value())) {
                    report(problems, "key " + text(key) + " has a wrong or torn value of " + cursor.value().length + " bytes");
                } else {
                    keysByTransaction.merge(n, 1, Integer::sum);
                }
            }
            last = tx.get(CrashTransactions.LAST_KEY);
        }
        long whole = 0;
        for (Map.Entry<Long, Integer> found : keysByTransaction.entrySet()) {
            if (found.getValue() == CrashTransactions.KEYS_PER_TRANSACTION) {
                whole++;
            } else {
                report(problems, "transaction " + found.getKey() + " is partial: " + found.getValue() + " of "
                        + CrashTransactions.KEYS_PER_TRANSACTION + " keys");
            }
        }
        long max = keysByTransaction.isEmpty() ? 0 : keysByTransaction.lastKey();
        if (keysByTransaction.size() != max) {
            report(problems, "transactions are missing: " + keysByTransaction.size() + " found numbered 1.." + max
                    + firstGap(keysByTransaction));
        }
        String expectedLast = max == 0 ? null : Long.toString(max);
        String foundLast = last == null ? null : new String(last, StandardCharsets.UTF_8);
        if (!java.util.Objects.equals(expectedLast, foundLast)) {
            report(problems, "key 'last' is " + foundLast + " but the highest transaction found is " + max);
        }
        return new RecoveredStore(whole, max, List.copyOf(problems));
    }

    private static String firstGap(TreeMap<Long, Integer> found) {
        long expected = 1;
        for (long n : found.keySet()) {
            if (n != expected) {
                return " (first missing: " + expected + ")";
            }
            expected++;
        }
        return "";
    }

    private static void report(List<String> problems, String problem) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(problem);
        } else if (problems.size() == MAX_REPORTED) {
            problems.add("... more problems not listed");
        }
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
