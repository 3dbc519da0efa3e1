package dev.strata.core.internal.fallback;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionOptions;
import dev.strata.api.management.StoreFallback;
import dev.strata.core.internal.Keys;

/**
 * Where a store with a fallback sends its operations. {@code DIRECT}: its own engine serves everything (the
 * store's usual path). {@code JOURNALING}: the fallback journal holds writes the engine has not seen yet, so every
 * commit is appended to the journal and reads of keys it holds are answered from it, until a {@link #replay} has
 * applied it all. A store whose engine is unavailable is journaling from its first write on; the route leaves
 * {@code JOURNALING} only at the end of a replay, inside the write freeze. {@code UNKNOWN}: not yet asked the
 * fallback whether it holds a journal (after a restart it may); the store is not served directly before it knows.
 * <p>
 * The freeze is a read-write lock: each journal append holds it shared, the end of a replay exclusively. A commit
 * that finds the route switched back to direct while it ran is refused with a {@link ConflictException}, so a
 * retrying caller ({@code inTransaction}, {@code put}) runs it again on the engine: no write can land in the
 * journal after the last entry was drained, and none reaches the engine before the journal is empty.
 */
public final class FallbackRoute {

    public enum Mode { UNKNOWN, DIRECT, JOURNALING }

    /** Entries left in the journal when a replay stops reading alongside the writers and freezes them. */
    static final int FREEZE_AT = 32;
    static final int BATCH = 256;
    /**
     * Batches a replay applies beyond the journal it found before it freezes anyway: writers that append as fast as
     * it drains would otherwise keep it from ever reaching {@value #FREEZE_AT}.
     */
    static final int CATCH_UP_BATCHES = 4;
    /**
     * While a replay runs, a commit waits (outside the freeze) as long as the journal holds more than this many
     * entries: writers are paced to the speed at which the engine takes the replay, so the replay converges under
     * any write load and the freeze has at most about this many entries to apply.
     */
    static final int PACE_AT = 2 * FREEZE_AT;
    /** How long a commit waits for a replay's freeze to end, and a replay for the commits inside to finish. */
    static final long FREEZE_WAIT_MILLIS = 30_000;

    private final String primary;
    private final FallbackJournal journal;
    private final BooleanSupplier primaryDown;
    private final Function<String, Optional<byte[]>> primaryRead;
    private final LongSupplier clock;
    private final ReentrantReadWriteLock freeze = new ReentrantReadWriteLock();
    private final AtomicBoolean replaying = new AtomicBoolean();
    private final Object drained = new Object(); // notified at each entry a replay drops
    private volatile Mode mode = Mode.UNKNOWN;
    /** Told after the mode or the replay changes, outside any lock of the route (the store's status watch). */
    private volatile Runnable modeChanged = () -> { };

    /**
     * @param primaryDown whether the primary's engine is unavailable now (no engine, or one that says it cannot
     *                    reach its data)
     * @param primaryRead reads a key from the primary's engine (used only while it is available)
     * @param clock       epoch milliseconds (times to live)
     */
    public FallbackRoute(String primary, FallbackJournal journal, BooleanSupplier primaryDown,
            Function<String, Optional<byte[]>> primaryRead, LongSupplier clock) {
        this.primary = primary;
        this.journal = journal;
        this.primaryDown = primaryDown;
        this.primaryRead = primaryRead;
        this.clock = clock;
    }

    /** Who to tell when the route starts journaling, a replay starts or ends, or the mode is settled. */
    public void whenModeChanges(Runnable hook) {
        modeChanged = hook;
    }

    public Mode mode() {
        return mode;
    }

    public FallbackJournal journal() {
        return journal;
    }

    /**
     * Whether the store's operations go through this route now: its journal holds writes, or its engine is down.
     *
     * @throws StoreUnavailableException when the engine is up but the fallback cannot say whether it holds writes
     */
    public boolean serves() {
        boolean down = primaryDown.getAsBoolean();
        if (mode == Mode.UNKNOWN) {
            try {
                settle();
            } catch (StoreUnavailableException e) {
                if (down) {
                    return true; // both away: the route's own operations report it
                }
                throw new StoreUnavailableException("store '" + primary + "' waits for its fallback store '"
                        + journal.fallbackStore() + "' to tell whether it holds writes for it: " + e.getMessage(), e);
            }
        }
        return mode == Mode.JOURNALING || down;
    }

    /** Whether the journal holds writes (asking the fallback once after a restart); false when it cannot tell. */
    public boolean journaling() {
        if (mode == Mode.UNKNOWN) {
            try {
                settle();
            } catch (StoreUnavailableException e) {
                return false;
            }
        }
        return mode == Mode.JOURNALING;
    }

    /** Whether the route has writes for the engine that a replay should apply now (the engine is back). */
    public boolean replayWanted() {
        return mode == Mode.JOURNALING && !replaying.get() && !primaryDown.getAsBoolean();
    }

    public boolean replaying() {
        return replaying.get();
    }

    public Transaction begin(TransactionOptions options) {
        return new FallbackTransaction(this, options.mode(), options.isolation(), clock);
    }

    /** A key as the store reads it: from the journal when it holds the key, else from the engine if it is up. */
    public Optional<byte[]> get(String key) {
        Keys.encode(key);
        Optional<JournalOp> journaled = journal.lookup(key);
        if (journaled.isPresent()) {
            JournalOp op = journaled.get();
            return op.delete() || op.expiredBy(clock.getAsLong()) ? Optional.empty() : Optional.of(op.value().clone());
        }
        if (!primaryDown.getAsBoolean()) {
            return primaryRead.apply(key);
        }
        throw unavailable("reads of keys not written since then wait for its backend");
    }

    /** The error of an operation the route cannot serve while the store is on its fallback. */
    public StoreUnavailableException unavailable(String what) {
        return new StoreUnavailableException("store '" + primary + "' is on its fallback store '"
                + journal.fallbackStore() + "' while its backend is away: " + what);
    }

    /** Journals one commit's writes. */
    long commit(List<JournalOp> ops) {
        paceBehindReplay();
        Lock shared = freeze.readLock();
        if (!tryLock(shared)) {
            throw new StorageTimeoutException("store '" + primary + "': the replay's write freeze lasted over "
                    + FREEZE_WAIT_MILLIS + " ms; the commit applied nothing");
        }
        boolean started = false;
        try {
            if (mode == Mode.UNKNOWN) {
                settle();
            }
            if (mode == Mode.DIRECT && !primaryDown.getAsBoolean()) {
                throw new ConflictException("store '" + primary + "' switched back to its own engine while the "
                        + "transaction ran; it applied nothing, run it again");
            }
            long seq = journal.append(ops);
            started = mode != Mode.JOURNALING;
            mode = Mode.JOURNALING;
            return seq;
        } finally {
            shared.unlock();
            if (started) {
                modeChanged.run();
            }
        }
    }

    /**
     * Applies the journal to the primary in order and switches the route back to direct. Entries are applied
     * alongside new commits until at most {@value #FREEZE_AT} are left; then commits are frozen, the rest is
     * applied, and the route switches. Each entry is dropped from the journal only after the primary recorded it,
     * so a replay that stops anywhere (failure, cancel, crash) leaves a journal the next one finishes.
     */
    public String replay(ReplayTarget target, StoreFallback.Progress progress) {
        if (!replaying.compareAndSet(false, true)) {
            throw new InvalidArgumentException("a replay of store '" + primary + "' runs already");
        }
        try {
            if (mode == Mode.UNKNOWN) {
                settle();
            }
            if (mode != Mode.JOURNALING) {
                return "store '" + primary + "' has no journaled writes in '" + journal.fallbackStore() + "'";
            }
            long started = System.nanoTime();
            progress.total(journal.pending());
            progress.message("applying the journal of '" + primary + "' from '" + journal.fallbackStore() + "'");
            long[] counts = new long[2]; // applied, skipped (applied before an interruption)
            long budget = journal.pending() + (long) CATCH_UP_BATCHES * BATCH;
            List<FallbackJournal.Entry> entries;
            while ((entries = journal.read(0, BATCH)).size() > FREEZE_AT && counts[0] + counts[1] < budget) {
                for (FallbackJournal.Entry entry : entries) {
                    progress.checkCancelled();
                    applyAndDrop(target, entry, counts, progress);
                }
            }
            progress.message("freezing writes to '" + primary + "' for the last " + entries.size() + " commit(s)");
            Lock exclusive = freeze.writeLock();
            if (!tryLock(exclusive)) {
                throw new StorageTimeoutException("store '" + primary + "': commits kept the replay from freezing "
                        + "writes for " + FREEZE_WAIT_MILLIS + " ms; run the replay again");
            }
            long frozen = System.nanoTime();
            try {
                while (!(entries = journal.read(0, BATCH)).isEmpty()) {
                    for (FallbackJournal.Entry entry : entries) {
                        applyAndDrop(target, entry, counts, progress);
                    }
                }
                mode = Mode.DIRECT;
            } finally {
                exclusive.unlock();
            }
            long end = System.nanoTime();
            return "replayed " + counts[0] + " commit(s) from '" + journal.fallbackStore() + "' into '" + primary
                    + "'" + (counts[1] > 0 ? " (" + counts[1] + " applied before an interruption, skipped)" : "")
                    + " in " + (end - started) / 1_000_000 + " ms; writes frozen for " + (end - frozen) / 1_000_000
                    + " ms; '" + primary + "' is served by its own engine again";
        } finally {
            replaying.set(false);
            synchronized (drained) {
                drained.notifyAll();
            }
            modeChanged.run();
        }
    }

    private void applyAndDrop(ReplayTarget target, FallbackJournal.Entry entry, long[] counts,
            StoreFallback.Progress progress) {
        counts[target.apply(entry) ? 0 : 1]++;
        journal.drop(entry);
        synchronized (drained) {
            drained.notifyAll();
        }
        progress.applied(counts[0] + counts[1]);
    }

    private void paceBehindReplay() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FREEZE_WAIT_MILLIS);
        synchronized (drained) {
            while (replaying.get() && journal.pending() > PACE_AT && System.nanoTime() - deadline < 0) {
                try {
                    drained.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void settle() {
        boolean settled = false;
        synchronized (this) {
            if (mode == Mode.UNKNOWN) {
                mode = journal.pending() > 0 ? Mode.JOURNALING : Mode.DIRECT;
                settled = true;
            }
        }
        if (settled) {
            modeChanged.run();
        }
    }

    private static boolean tryLock(Lock lock) {
        try {
            return lock.tryLock(FREEZE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
