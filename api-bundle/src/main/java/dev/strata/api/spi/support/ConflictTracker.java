package dev.strata.api.spi.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

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
 * <b>Cost.</b> Every commit records its keys and every check looks keys up, so the last writes live in a hash table
 * ({@link LastWrites}), not in an ordered map. Order is needed only for a serializable transaction's scanned ranges;
 * for those the keys written after its snapshot (which the history holds, newest last) are sorted at the check, so
 * a store that never scans at serializable never pays for order.
 * <p>
 * Not thread-safe: call every method under the lock that serialises the engine's commits, and check, then apply,
 * then record, inside one hold of it.
 */
public final class ConflictTracker {

    private record Commit(long sequence, byte[][] keys) {
    }

    private final String storeName;
    private final LastWrites lastWrite = new LastWrites();
    /** The commits still remembered, oldest first; their key arrays are the ones {@link #lastWrite} holds. */
    private final ArrayDeque<Commit> history = new ArrayDeque<>();
    private long newest = Long.MIN_VALUE;

    /** @param storeName the store's name, for conflict messages */
    public ConflictTracker(String storeName) {
        this.storeName = storeName;
    }

    /**
     * @throws ConflictException naming the first key (in the collection's order, key order for a write set) that a
     *                           commit after {@code snapshot} wrote; it checks every key before the caller applies
     *                           any, so a conflicting key that sorts after clean ones still stops the whole commit
     */
    public void checkWrites(Collection<byte[]> keys, long snapshot) {
        if (newest <= snapshot) {
            return; // nothing committed after the snapshot
        }
        for (byte[] key : keys) {
            long written = lastWrite.get(key);
            if (written > snapshot) {
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
            long written = lastWrite.get(key);
            if (written > snapshot) {
                throw new ConflictException("store '" + storeName + "': serializable transaction read key "
                        + ByteKeys.toDisplay(key) + ", which commit " + written + " changed after its snapshot "
                        + snapshot);
            }
        }
        List<KeyRange> ranges = reads.ranges();
        if (ranges.isEmpty()) {
            return;
        }
        byte[][] written = writtenAfter(snapshot);
        for (KeyRange range : ranges) {
            byte[] first = firstIn(written, range);
            if (first != null) {
                throw new ConflictException("store '" + storeName + "': serializable transaction scanned "
                        + range + ", in which commit " + lastWrite.get(first) + " wrote key "
                        + ByteKeys.toDisplay(first) + " after its snapshot " + snapshot);
            }
        }
    }

    /** The keys that commits after {@code snapshot} wrote, sorted (a key written twice may appear twice). */
    private byte[][] writtenAfter(long snapshot) {
        List<byte[]> keys = new ArrayList<>();
        for (Iterator<Commit> newestFirst = history.descendingIterator(); newestFirst.hasNext();) {
            Commit commit = newestFirst.next();
            if (commit.sequence() <= snapshot) {
                break;
            }
            keys.addAll(Arrays.asList(commit.keys()));
        }
        byte[][] sorted = keys.toArray(new byte[0][]);
        Arrays.sort(sorted, ByteKeys.ORDER);
        return sorted;
    }

    /** The smallest of the sorted keys inside the range, or {@code null}. */
    private static byte[] firstIn(byte[][] sorted, KeyRange range) {
        int at = 0;
        if (range.lower() != null) {
            int found = Arrays.binarySearch(sorted, range.lower(), ByteKeys.ORDER);
            at = found >= 0 ? found : -found - 1;
            while (at > 0 && ByteKeys.ORDER.compare(sorted[at - 1], range.lower()) >= 0) {
                at--; // binarySearch finds any of equal keys: start at the first
            }
        }
        if (at == sorted.length) {
            return null;
        }
        byte[] first = sorted[at];
        return range.upper() == null || ByteKeys.ORDER.compare(first, range.upper()) < 0 ? first : null;
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
                lastWrite.removeIfLast(key, commit.sequence());
            }
        }
    }

    /** The commit that last wrote the key, if still remembered; {@code -1} otherwise. */
    public long lastWrite(byte[] key) {
        long written = lastWrite.get(key);
        return written == LastWrites.NONE ? -1 : written;
    }

    /** Keys whose last write is still remembered (for metrics and tests). */
    public int trackedKeys() {
        return lastWrite.size();
    }
}
