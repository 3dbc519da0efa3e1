package dev.strata.api.spi.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sequence of the commit that last wrote each key: an open-addressing hash table with linear probing, what
 * {@link ConflictTracker} asks on every commit. It replaced a {@code TreeMap} whose ordered inserts, lookups and
 * removals were about 15% of a durable commit's Java CPU; point lookups need no order.
 * <p>
 * <b>Hash.</b> Keys come from users, so the hash is seeded per table (a random seed): a set of keys crafted to
 * collide in one table does not collide in another. Each slot keeps its key's hash, so a probe compares hashes
 * before bytes and growth never hashes again.
 * <p>
 * <b>Removal by backward shift.</b> Removing an entry moves later entries of its probe run back into the hole, so
 * the table never holds tombstones and a lookup stops at the first empty slot. The table grows at half full and
 * shrinks when pruning leaves it an eighth full, so its memory follows what is remembered.
 * <p>
 * The table keeps the key arrays it is given (the caller copies). Not thread-safe.
 */
final class LastWrites {

    /** What {@link #get} returns for a key not remembered; no commit can have it (sequences grow from above it). */
    static final long NONE = Long.MIN_VALUE;

    private static final int MIN_CAPACITY = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final long seed;
    private byte[][] keys;
    private int[] hashes;
    private long[] sequences;
    private int mask;
    private int size;

    LastWrites() {
        this(ThreadLocalRandom.current().nextLong());
    }

    /** For tests: a given seed, so that collisions can be arranged. */
    LastWrites(long seed) {
        this.seed = seed;
        allocate(MIN_CAPACITY);
    }

    /** The last write of the key, or {@link #NONE}. */
    long get(byte[] key) {
        int hash = hash(key);
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            byte[] there = keys[slot];
            if (there == null) {
                return NONE;
            }
            if (hashes[slot] == hash && Arrays.equals(there, key)) {
                return sequences[slot];
            }
        }
    }

    /** Records that commit {@code sequence} wrote the key; the table keeps {@code key} itself (copy it first). */
    void put(byte[] key, long sequence) {
        int hash = hash(key);
        int slot = hash & mask;
        for (byte[] there; (there = keys[slot]) != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && Arrays.equals(there, key)) {
                keys[slot] = key;
                sequences[slot] = sequence;
                return;
            }
        }
        keys[slot] = key;
        hashes[slot] = hash;
        sequences[slot] = sequence;
        if (++size * 2 > keys.length) {
            resize(keys.length * 2);
        }
    }

    /**
     * Forgets the key if commit {@code sequence} was its last write (a later write keeps it remembered).
     *
     * @return whether the key was forgotten
     */
    boolean removeIfLast(byte[] key, long sequence) {
        int hash = hash(key);
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            byte[] there = keys[slot];
            if (there == null) {
                return false;
            }
            if (hashes[slot] == hash && Arrays.equals(there, key)) {
                if (sequences[slot] != sequence) {
                    return false;
                }
                removeAt(slot);
                return true;
            }
        }
    }

    /**
     * Empties the slot and shifts back the entries after it that probed past it, so that every entry stays
     * reachable from its home slot without passing an empty one.
     */
    private void removeAt(int hole) {
        size--;
        for (int slot = (hole + 1) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            int home = hashes[slot] & mask;
            // the entry may move into the hole when the hole lies on its way from home: no farther from home
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                keys[hole] = keys[slot];
                hashes[hole] = hashes[slot];
                sequences[hole] = sequences[slot];
                hole = slot;
            }
        }
        keys[hole] = null;
        if (keys.length > MIN_CAPACITY && size * 8 < keys.length) {
            resize(keys.length / 2);
        }
    }

    int size() {
        return size;
    }

    /** Slots in the table (for tests). */
    int capacity() {
        return keys.length;
    }

    private void resize(int capacity) {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldSequences = sequences;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                sequences[slot] = oldSequences[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new byte[capacity][];
        hashes = new int[capacity];
        sequences = new long[capacity];
        mask = capacity - 1;
    }

    /** A seeded 64-bit multiply-xorshift hash over eight bytes at a time, folded to 32 bits. */
    int hash(byte[] key) {
        long h = seed ^ (key.length * 0x9E3779B97F4A7C15L);
        int i = 0;
        for (; i + Long.BYTES <= key.length; i += Long.BYTES) {
            h = mix(h ^ (long) LONGS.get(key, i));
        }
        long tail = 0;
        for (int shift = 0; i < key.length; i++, shift += 8) {
            tail |= (key[i] & 0xFFL) << shift;
        }
        h = mix(h ^ tail);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long h) {
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }
}
