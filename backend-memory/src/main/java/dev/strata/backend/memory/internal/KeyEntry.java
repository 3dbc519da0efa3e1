package dev.strata.backend.memory.internal;

/**
 * The committed state of one key: its version chain, newest first. The key is kept here too so that cursors can walk
 * the map's values without allocating a map entry per step.
 */
final class KeyEntry {

    final byte[] key;
    /** Newest version, or {@code null} for a slot a commit has reserved but not filled yet (reads skip it). */
    volatile Version head;
    /**
     * The newest snapshot or commit timestamp that touched the key, for LRU eviction. Written racily without a
     * barrier: a lost update only makes the LRU order a little less exact.
     */
    long lastAccess;
    /** The number of the commit attempt that is writing this key (guarded by the commit lock); eviction skips it. */
    long pinnedBy;

    KeyEntry(byte[] key) {
        this.key = key;
    }

    /** The newest version a snapshot at {@code snapshot} can see, or {@code null}. */
    Version visibleAt(long snapshot) {
        Version v = head;
        while (v != null && v.timestamp > snapshot) {
            v = v.older;
        }
        return v;
    }

    /** The newest version if it holds a value (not a deletion, not a reserved slot), else {@code null}. */
    Version liveHead() {
        Version v = head;
        return v == null || v.isDeletion() ? null : v;
    }
}
