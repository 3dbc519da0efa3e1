package dev.strata.backend.file.internal.memtable;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.backend.file.internal.read.EntryIterator;
import dev.strata.backend.file.internal.segment.BloomFilter;

/**
 * The in-memory table of recent commits, with every version a live snapshot may still read: each key maps to a
 * chain of versions, newest first. One writer at a time (the commit pipeline) adds versions; any number of
 * readers walk it at once without locks.
 * <p>
 * Each memtable belongs to one write-ahead log file ({@link #walNumber()}): once the table is in a segment, that
 * log file can go.
 * <p>
 * A Bloom filter over its keys lets a lookup of a key the table lacks (most lookups, once the data is mostly in
 * segments) skip the skip list, whose search is some twenty dependent cache misses. The writer sets a key's bits
 * before its version is in the map; a reader's snapshot is published after that (see {@link BloomFilter}).
 */
public final class MemTable {

    /** Rough heap cost of a version beside its bytes, for the size that triggers a flush. */
    private static final int VERSION_OVERHEAD = 48;
    private static final int KEY_OVERHEAD = 64;

    private final ConcurrentSkipListMap<byte[], Version> versions = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final AtomicLong bytes = new AtomicLong();
    private final BloomFilter keys;
    private final long walNumber;
    private volatile long maxSeq;

    /**
     * @param capacityBytes   the size at which the table is flushed, which bounds how many keys it takes
     * @param bloomBitsPerKey Bloom filter bits per key at that many keys
     */
    public MemTable(long walNumber, long capacityBytes, int bloomBitsPerKey) {
        this.walNumber = walNumber;
        this.keys = BloomFilter.empty(capacityBytes / (KEY_OVERHEAD + VERSION_OVERHEAD + 16), bloomBitsPerKey);
    }

    public long walNumber() {
        return walNumber;
    }

    /** Approximate heap bytes held. */
    public long bytes() {
        return bytes.get();
    }

    public int keyCount() {
        return versions.size();
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    /** The highest sequence number written here (0 when empty). */
    public long maxSeq() {
        return maxSeq;
    }

    /**
     * Adds a version. Only the commit pipeline calls this, one call at a time.
     *
     * @param value       the value, or {@code null} for a delete
     * @param oldestNeeded the oldest snapshot any reader holds: versions hidden from it by a newer version that it
     *                    can see are dropped
     */
    public void put(byte[] key, long seq, byte[] value, long oldestNeeded) {
        Version head = new Version(seq, value, null);
        keys.add(BloomFilter.hash(key));
        // one traversal for a new key; a known key is replaced by a head that links the older versions (only the
        // commit pipeline writes, so nothing changes between the two calls)
        Version previous = versions.putIfAbsent(key, head);
        if (previous != null) {
            head = new Version(seq, value, previous);
            versions.put(key, head);
        }
        long added = VERSION_OVERHEAD + (value == null ? 0 : value.length) + (previous == null ? KEY_OVERHEAD + key.length : 0);
        bytes.addAndGet(added);
        if (seq > maxSeq) {
            maxSeq = seq;
        }
        for (Version v = head; v != null; v = v.older) {
            if (v.seq <= oldestNeeded) {
                if (v.older != null) {
                    bytes.addAndGet(-released(v.older));
                    v.older = null;
                }
                break;
            }
        }
    }

    private static long released(Version from) {
        long total = 0;
        for (Version v = from; v != null; v = v.older) {
            total += VERSION_OVERHEAD + (v.value == null ? 0 : v.value.length);
        }
        return total;
    }

    /**
     * The newest version at or below {@code snapshot}, or {@code null} when this table has none.
     *
     * @param hash {@link BloomFilter#hash} of the key, computed once per lookup across tables and segments
     */
    public Version find(byte[] key, long hash, long snapshot) {
        if (!keys.mightContain(hash)) {
            return null;
        }
        Version v = versions.get(key);
        while (v != null && v.seq > snapshot) {
            v = v.older;
        }
        return v;
    }

    /** The sequence number of the newest version of the key here, or -1. */
    public long newestSeq(byte[] key, long hash) {
        if (!keys.mightContain(hash)) {
            return -1;
        }
        Version v = versions.get(key);
        return v == null ? -1 : v.seq;
    }

    /** Keys in {@code [lower, upper)} (either open when null) as of {@code snapshot}. */
    public EntryIterator iterator(byte[] lower, byte[] upper, boolean reverse, long snapshot) {
        NavigableMap<byte[], Version> range;
        if (lower != null && upper != null) {
            range = versions.subMap(lower, true, upper, false);
        } else if (lower != null) {
            range = versions.tailMap(lower, true);
        } else if (upper != null) {
            range = versions.headMap(upper, false);
        } else {
            range = versions;
        }
        return new SnapshotIterator((reverse ? range.descendingMap() : range).entrySet().iterator(), snapshot);
    }

    /** One version of a key: immutable but for the link to older versions, which pruning cuts. */
    public static final class Version {
        private final long seq;
        private final byte[] value;
        private volatile Version older;

        Version(long seq, byte[] value, Version older) {
            this.seq = seq;
            this.value = value;
            this.older = older;
        }

        public long seq() {
            return seq;
        }

        /** The value, {@code null} for a delete. */
        public byte[] value() {
            return value;
        }
    }

    private static final class SnapshotIterator implements EntryIterator {
        private final Iterator<Map.Entry<byte[], Version>> entries;
        private final long snapshot;
        private byte[] key;
        private Version version;

        SnapshotIterator(Iterator<Map.Entry<byte[], Version>> entries, long snapshot) {
            this.entries = entries;
            this.snapshot = snapshot;
        }

        @Override
        public boolean next() {
            while (entries.hasNext()) {
                Map.Entry<byte[], Version> entry = entries.next();
                Version v = entry.getValue();
                while (v != null && v.seq > snapshot) {
                    v = v.older;
                }
                if (v != null) {
                    key = entry.getKey();
                    version = v;
                    return true;
                }
            }
            return false;
        }

        @Override
        public byte[] key() {
            return key;
        }

        @Override
        public long seq() {
            return version.seq;
        }

        @Override
        public byte[] value() {
            return version.value;
        }
    }
}
