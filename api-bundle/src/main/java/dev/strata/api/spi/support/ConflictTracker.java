package dev.strata.api.spi.support;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.strata.api.ConflictException;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.KeyRange;

/**
 * Remembers which commit last wrote each recently written key, and answers the two questions an engine asks at
 * commit:
 * <ul>
 * <li><b>write-write</b> ({@link #checkWrites}, every isolation level): did a transaction that committed after this
 * one's snapshot write a key this one writes? Then the later committer loses (first committer wins). Deletes are
 * writes on both sides: a tombstone in either write set conflicts.</li>
 * <li><b>read-write</b> ({@link #checkReads}, serializable only): did such a transaction write a key this one read,
 * or a key inside a range this one scanned (absent keys included)? Then this transaction's reads are stale.</li>
 * </ul>
 * With both checks passing, a transaction is equivalent to running alone at its commit point, so commit order is a
 * serial order. Commit sequences must grow strictly ({@link #recordCommit}). History that no open transaction can
 * conflict with any more is dropped with {@link #forgetUpTo}, so memory stays proportional to the writes of the
 * commits since the oldest open snapshot.
 * <p>
 * Not thread-safe: call every method under the lock that serialises the engine's commits, and check, then apply,
 * then record, inside one hold of it.
 */
public final class ConflictTracker {

    private record Commit(long sequence, byte[][] keys) {
    }

    private final String storeName;
    private final TreeMap<byte[], Long> lastWrite = new TreeMap<>(ByteKeys.ORDER);
    private final ArrayDeque<Commit> history = new ArrayDeque<>();
    private long newest = Long.MIN_VALUE;

    /** @param storeName the store's name, for conflict messages */
    public ConflictTracker(String storeName) {
        this.storeName = storeName;
    }

    /**
     * @throws ConflictException naming the first key (in key order) that a commit after {@code snapshot} wrote;
     *                           it checks every key before the caller applies any, so a conflicting key that sorts
     *                           after clean ones still stops the whole commit
     */
    public void checkWrites(Collection<byte[]> keys, long snapshot) {
        if (newest <= snapshot) {
            return; // nothing committed after the snapshot: no key can have a later write
        }
        for (byte[] key : keys) {
            Long written = lastWrite.get(key);
            if (written != null && written > snapshot) {
                throw new ConflictException("store '" + storeName + "': key " + ByteKeys.toDisplay(key)
                        + " was written by commit " + written + ", after this transaction's snapshot " + snapshot
                        + " (first committer wins)");
            }
        }
    }

    /**
     * Serializable validation.
     *
     * @throws ConflictException naming the key read (or the range scanned and the key written in it) that a commit
     *                           after {@code snapshot} changed
     */
    public void checkReads(ReadSet reads, long snapshot) {
        if (newest <= snapshot) {
            return;
        }
        for (byte[] key : reads.keys()) {
            Long written = lastWrite.get(key);
            if (written != null && written > snapshot) {
                throw new ConflictException("store '" + storeName + "': serializable transaction read key "
                        + ByteKeys.toDisplay(key) + ", which commit " + written + " changed after its snapshot "
                        + snapshot);
            }
        }
        for (KeyRange range : reads.ranges()) {
            for (Map.Entry<byte[], Long> write : slice(range).entrySet()) {
                if (write.getValue() > snapshot) {
                    throw new ConflictException("store '" + storeName + "': serializable transaction scanned "
                            + range + ", in which commit " + write.getValue() + " wrote key "
                            + ByteKeys.toDisplay(write.getKey()) + " after its snapshot " + snapshot);
                }
            }
        }
    }

    private NavigableMap<byte[], Long> slice(KeyRange range) {
        if (range.lower() == null) {
            return range.upper() == null ? lastWrite : lastWrite.headMap(range.upper(), false);
        }
        return range.upper() == null ? lastWrite.tailMap(range.lower(), true)
                : lastWrite.subMap(range.lower(), true, range.upper(), false);
    }

    /**
     * Records that the commit numbered {@code sequence} wrote these keys (puts and deletes). The keys are copied.
     *
     * @throws IllegalArgumentException when the sequence does not grow
     */
    public void recordCommit(Collection<byte[]> keys, long sequence) {
        if (sequence <= newest) {
            throw new IllegalArgumentException("commit sequence " + sequence + " is not above " + newest);
        }
        newest = sequence;
        byte[][] copies = new byte[keys.size()][];
        int i = 0;
        for (byte[] key : keys) {
            copies[i] = key.clone();
            lastWrite.put(copies[i++], sequence);
        }
        history.addLast(new Commit(sequence, copies));
    }

    /**
     * Forgets commits at or below {@code oldestOpenSnapshot}: no open transaction (whose snapshot is at least that)
     * and no future one can conflict with them.
     */
    public void forgetUpTo(long oldestOpenSnapshot) {
        while (!history.isEmpty() && history.peekFirst().sequence() <= oldestOpenSnapshot) {
            Commit commit = history.removeFirst();
            for (byte[] key : commit.keys()) {
                lastWrite.remove(key, commit.sequence());
            }
        }
    }

    /** The commit that last wrote the key, if still remembered; {@code -1} otherwise. */
    public long lastWrite(byte[] key) {
        Long written = lastWrite.get(key);
        return written == null ? -1 : written;
    }

    /** Keys whose last write is still remembered (for metrics and tests). */
    public int trackedKeys() {
        return lastWrite.size();
    }
}
