package dev.strata.core.internal.cache;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.strata.api.ConflictException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

/**
 * An engine transaction whose point reads go through the store's {@link ReadCache} (see its rules). Keys this
 * transaction wrote are read from the engine (its own writes), as is everything at serializable isolation (the engine
 * must see the read set) and every cursor. The commit marks the written keys, commits, and turns them into tombstones
 * before it returns, so the caller is acknowledged only once no later reader can be served an older value.
 */
final class CachedTransaction implements EngineTransaction {

    private final EngineTransaction tx;
    private final ReadCache cache;
    private final StorageEngine engine;
    private final boolean bypass;
    private final Set<ByteBuffer> written = new HashSet<>();
    private boolean wroteRanges;
    private final byte[][] hit = new byte[1][];

    CachedTransaction(EngineTransaction tx, ReadCache cache, StorageEngine engine) {
        this.tx = tx;
        this.cache = cache;
        this.engine = engine;
        this.bypass = tx.isolation() == IsolationLevel.SERIALIZABLE;
    }

    @Override
    public TransactionMode mode() {
        return tx.mode();
    }

    @Override
    public IsolationLevel isolation() {
        return tx.isolation();
    }

    @Override
    public long snapshotSequence() {
        return tx.snapshotSequence();
    }

    @Override
    public byte[] get(byte[] key) {
        ByteBuffer wrapped = ByteBuffer.wrap(key);
        if (bypass || wroteRanges || written.contains(wrapped)) {
            return tx.get(key);
        }
        long snapshot = tx.snapshotSequence();
        if (cache.lookup(wrapped, snapshot, hit)) {
            byte[] value = hit[0];
            hit[0] = null;
            return value;
        }
        byte[] value = tx.get(key);
        cache.fill(ByteBuffer.wrap(key.clone()), value, snapshot);
        return value;
    }

    /** Hits from the cache; the misses in one batched engine read (one round trip on a server), then filled. */
    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        List<byte[]> values = new ArrayList<>(keys.size());
        List<Integer> missed = new ArrayList<>();
        List<byte[]> missedKeys = new ArrayList<>();
        long snapshot = tx.snapshotSequence();
        for (byte[] key : keys) {
            ByteBuffer wrapped = ByteBuffer.wrap(key);
            if (!bypass && !wroteRanges && !written.contains(wrapped) && cache.lookup(wrapped, snapshot, hit)) {
                values.add(hit[0]);
                hit[0] = null;
            } else {
                missed.add(values.size());
                missedKeys.add(key);
                values.add(null);
            }
        }
        if (missedKeys.isEmpty()) {
            return values;
        }
        List<byte[]> read = tx.getAll(missedKeys);
        for (int i = 0; i < missedKeys.size(); i++) {
            byte[] key = missedKeys.get(i);
            values.set(missed.get(i), read.get(i));
            if (!bypass && !wroteRanges && !written.contains(ByteBuffer.wrap(key))) {
                cache.fill(ByteBuffer.wrap(key.clone()), read.get(i), snapshot);
            }
        }
        return values;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        tx.put(key, value);
        written.add(ByteBuffer.wrap(key.clone()));
    }

    /** Every key counts as written (the engine may write any of them), so none is cached from this transaction. */
    @Override
    public List<byte[]> putAllIfAbsent(List<byte[]> keys, List<byte[]> values) {
        for (byte[] key : keys) {
            written.add(ByteBuffer.wrap(key.clone()));
        }
        return tx.putAllIfAbsent(keys, values);
    }

    @Override
    public boolean delete(byte[] key) {
        boolean present = tx.delete(key);
        written.add(ByteBuffer.wrap(key.clone()));
        return present;
    }

    @Override
    public long deleteRange(KeyRange range) {
        long deleted = tx.deleteRange(range);
        wroteRanges = true;
        return deleted;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        return tx.cursor(range, reverse);
    }

    @Override
    public long commit() {
        if (written.isEmpty() && !wroteRanges) {
            return tx.commit();
        }
        cache.beginCommit(written, wroteRanges);
        long sequence;
        try {
            sequence = tx.commit();
        } catch (ConflictException e) {
            cache.abandonCommit(written, wroteRanges); // nothing was applied
            throw e;
        } catch (RuntimeException e) {
            cache.endCommit(written, wroteRanges, sequenceAfterFailure());
            throw e;
        }
        cache.endCommit(written, wroteRanges, sequence);
        return sequence;
    }

    /** A snapshot taken after a commit whose outcome is unknown sees whatever it applied. */
    private long sequenceAfterFailure() {
        try (EngineTransaction probe = engine.begin(TransactionMode.READ_ONLY)) {
            return probe.snapshotSequence();
        } catch (RuntimeException e) {
            cache.disable();
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void abort() {
        tx.abort();
    }

    @Override
    public void close() {
        tx.close();
    }
}
