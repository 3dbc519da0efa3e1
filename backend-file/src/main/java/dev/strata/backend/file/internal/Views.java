package dev.strata.backend.file.internal;

import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The current {@link ReadView} and the snapshots readers hold. Taking a snapshot (sequence number plus view) and
 * replacing the view happen under one lock, so a snapshot never pairs a sequence number with a view that lacks
 * data it should see; and the oldest snapshot tells the memory tables and compaction which old versions no reader
 * can see any more.
 */
final class Views {

    /** A reader's consistent point: everything committed up to {@code seq}, read from {@code view}. */
    record Snapshot(long seq, ReadView view) {
    }

    private final TreeMap<Long, Integer> held = new TreeMap<>();
    private final LongSupplier visibleSeq;
    private ReadView current;

    Views(ReadView initial, LongSupplier visibleSeq) {
        this.current = initial;
        this.visibleSeq = visibleSeq;
    }

    synchronized Snapshot acquire() {
        long seq = visibleSeq.getAsLong();
        current.retain();
        held.merge(seq, 1, Integer::sum);
        return new Snapshot(seq, current);
    }

    synchronized void release(Snapshot snapshot) {
        held.computeIfPresent(snapshot.seq(), (seq, count) -> count == 1 ? null : count - 1);
        snapshot.view().release();
    }

    /** The current view, retained: the caller releases it. */
    synchronized ReadView retainCurrent() {
        current.retain();
        return current;
    }

    /** The oldest sequence number any reader may still read at (now or when it begins). */
    synchronized long oldestNeeded() {
        long visible = visibleSeq.getAsLong();
        return held.isEmpty() ? visible : Math.min(held.firstKey(), visible);
    }

    synchronized int snapshotsHeld() {
        return held.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Replaces the view by a function of it; the old view is released (its readers keep it alive). */
    synchronized ReadView update(UnaryOperator<ReadView> change) {
        ReadView next = change.apply(current);
        if (next != current) {
            ReadView old = current;
            current = next;
            old.release();
        }
        return next;
    }

    /** Drops the engine's own reference at close. */
    synchronized void close() {
        current.release();
    }
}
