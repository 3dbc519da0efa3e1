package dev.strata.benchmarks;

import java.util.Random;

/**
 * The shared workload: a fixed number of distinct random 16-character keys (16 bytes in UTF-8) and one 100-byte
 * value, generated from a fixed seed so every target sees the same keys in the same order.
 */
final class Workload {

    static final int KEYS = Integer.getInteger("strata.bench.keys", 1_000_000);
    static final int BATCH = 1_000;
    static final int VALUE_BYTES = 100;
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    final String[] keys;
    final byte[] value;

    Workload() {
        this(KEYS);
    }

    /** The first {@code count} keys of the same sequence (a smaller workload for slower targets). */
    Workload(int count) {
        Random random = new Random(20261121L);
        java.util.Set<String> seen = new java.util.HashSet<>(count * 2);
        keys = new String[count];
        int n = 0;
        while (n < count) {
            char[] key = new char[16];
            for (int i = 0; i < key.length; i++) {
                key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String text = new String(key);
            if (seen.add(text)) {
                keys[n++] = text;
            }
        }
        value = new byte[VALUE_BYTES];
        random.nextBytes(value);
    }

    /** Writes every key, {@link #BATCH} per transaction, in the workload's order. */
    void putEveryKey(KeyValueTarget store) {
        for (int from = 0; from < keys.length; from += BATCH) {
            store.putBatch(keys, from, Math.min(from + BATCH, keys.length), value);
        }
    }

    /** Indexes of existing keys in a fixed random order, for random gets. */
    static int[] randomOrder() {
        return randomOrder(KEYS);
    }

    static int[] randomOrder(int count) {
        Random random = new Random(7);
        int[] order = new int[count];
        for (int i = 0; i < order.length; i++) {
            order[i] = random.nextInt(count);
        }
        return order;
    }

    /**
     * Tenures freshly loaded data: otherwise the first young collections of the measurement copy the whole data set
     * between survivor spaces (half a second each, measured), whichever target is measured.
     */
    static void settleHeap() {
        System.gc();
        System.gc();
    }
}
