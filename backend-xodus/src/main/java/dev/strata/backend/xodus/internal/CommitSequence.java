package dev.strata.backend.xodus.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * The store's commit sequence (format 3), kept in the store of all keys under the <b>empty key</b>, which the SPI
 * refuses to every caller ({@code ByteKeys.checkKey}: "key must not be empty"), so no user can read, write or delete
 * it. Each commit writes its sequence there in the same Xodus transaction; the empty key lives in the Patricia
 * tree's root node, which every commit rewrites anyway, so the sequence costs no second tree and no second entry
 * in Xodus's meta tree per commit (format 2 kept it in {@link StoreMeta}: about 15-18% of a lone writer's CPU).
 * <p>
 * The key sorts before every other key: the engine's cursors skip it ({@link #isHidden}), and counts subtract it
 * ({@link #visibleCount}). Its value is the sequence (8 bytes) and a CRC32C of it, so damage is a one-line
 * {@link CorruptionException}, never a wrong sequence.
 */
final class CommitSequence {

    private static final ByteIterable KEY = new ArrayByteIterable(new byte[0]);
    private static final int BYTES = 12;

    private final Store keys;
    private final StoreMeta meta;

    /** @param meta the store's metadata, whose location and name damage reports carry */
    CommitSequence(Store keys, StoreMeta meta) {
        this.keys = keys;
        this.meta = meta;
    }

    /** Whether a key found in the store of all keys is this one (cursors and walks skip it). */
    static boolean isHidden(byte[] key) {
        return key.length == 0;
    }

    /** Records the sequence of the commit {@code txn} is about to make; part of that commit. */
    void put(Transaction txn, long sequence) {
        byte[] stored = new byte[BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(stored).putLong(sequence);
        buffer.putInt(checksum(stored));
        keys.put(txn, KEY, new ArrayByteIterable(stored));
    }

    /** @throws CorruptionException when the entry is absent or fails its checksum */
    long read(Transaction txn) {
        byte[] stored = XodusBytes.copy(keys.get(txn, KEY));
        if (stored == null) {
            throw meta.damaged("lacks its commit sequence (the empty key of the store of all keys)");
        }
        if (stored.length != BYTES || ByteBuffer.wrap(stored).getInt(8) != checksum(stored)) {
            throw meta.damaged("has a commit sequence that fails its checksum");
        }
        return ByteBuffer.wrap(stored).getLong(0);
    }

    /** The number of user keys: the store's count without this entry. */
    static long visibleCount(Store keys, Transaction txn) {
        long count = keys.count(txn);
        return keys.get(txn, KEY) == null ? count : count - 1;
    }

    private static int checksum(byte[] stored) {
        CRC32C crc = new CRC32C();
        crc.update(stored, 0, 8);
        return (int) crc.getValue();
    }
}
