package dev.strata.benchmarks;

import java.util.Random;

/**
 * YCSB's zipfian key chooser (Gray et al., "Quickly generating billion-record synthetic databases", as YCSB's
 * {@code ZipfianGenerator} implements it, constant 0.99), with YCSB's scrambling: item ranks are hashed (FNV-1a
 * 64) onto the key space, so the popular keys are spread over it instead of being the first ones. Not thread-safe:
 * one per thread.
 */
final class ZipfianKeys {

    static final double THETA = 0.99;

    private final int items;
    private final double alpha;
    private final double zetan;
    private final double eta;
    private final Random random;

    ZipfianKeys(int items, long seed) {
        this(items, zeta(items), seed);
    }

    /** With the zeta constant of {@code items} computed already ({@link #zeta}): it costs a pass over them. */
    ZipfianKeys(int items, double zetan, long seed) {
        this.items = items;
        this.zetan = zetan;
        this.alpha = 1.0 / (1.0 - THETA);
        double zeta2 = zeta(2);
        this.eta = (1 - Math.pow(2.0 / items, 1 - THETA)) / (1 - zeta2 / zetan);
        this.random = new Random(seed);
    }

    static double zeta(int n) {
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += 1 / Math.pow(i, THETA);
        }
        return sum;
    }

    /** The next key index in [0, items), zipfian-distributed over scrambled ranks. */
    int next() {
        return (int) Long.remainderUnsigned(fnv(rank()), items);
    }

    /** The next rank in [0, items): 0 the most popular. */
    int rank() {
        double u = random.nextDouble();
        double uz = u * zetan;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + Math.pow(0.5, THETA)) {
            return 1;
        }
        return (int) Math.min(items - 1, (long) (items * Math.pow(eta * u - eta + 1, alpha)));
    }

    private static long fnv(long value) {
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < 8; i++) {
            hash ^= value & 0xFF;
            hash *= 0x100000001B3L;
            value >>>= 8;
        }
        return hash;
    }
}
