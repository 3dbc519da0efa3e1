package dev.strata.backend.memory.internal;

/**
 * One version of a key: a value (or a deletion) as of a commit timestamp, linked to the next older version. Chains
 * are newest first. A transaction buffers its writes as versions without a timestamp, and the commit installs those
 * very objects (one allocation per write, not two).
 * <p>
 * {@link #older} is a plain field on purpose: only the pruner (under the commit lock) changes it, and only to cut off
 * versions no open snapshot can reach. A reader that races with the cut sees either the old link or {@code null},
 * and both are correct for it, so the read path pays for no memory barrier.
 */
final class Version {

    /**
     * The commit that wrote this version; visible to snapshots at or after it. Set once, by the commit, before the
     * version is published through {@link KeyEntry#head} (a volatile write), so readers always see the set value.
     */
    long timestamp;
    /** The stored bytes (deflated when {@link #rawLength} >= 0), or {@code null} for a deletion. */
    final byte[] stored;
    /** The original length of a deflated value, or {@code -1} when {@link #stored} is the value itself. */
    final int rawLength;
    /** A deletion made by LRU eviction rather than by a client: it never makes a client's commit conflict. */
    final boolean evicted;
    Version older;

    /** A client's write, buffered in its transaction until the commit gives it a timestamp. */
    static Version pending(byte[] stored, int rawLength) {
        return new Version(0, stored, rawLength, false, null);
    }

    Version(long timestamp, byte[] stored, int rawLength, boolean evicted, Version older) {
        this.timestamp = timestamp;
        this.stored = stored;
        this.rawLength = rawLength;
        this.evicted = evicted;
        this.older = older;
    }

    boolean isDeletion() {
        return stored == null;
    }

    boolean isCompressed() {
        return rawLength >= 0;
    }
}
