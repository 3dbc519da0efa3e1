package dev.strata.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.Change;
import dev.strata.api.ChangePage;
import dev.strata.api.ChangesTrimmedException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

/**
 * A store's change feed, kept in its engine so a consumer resumes after a restart ({@link dev.strata.api.Store#changesAfter}).
 * <p>
 * <b>Positions.</b> A commit that changed keys takes the next feed position just before it calls the engine's commit
 * and writes one entry ({@code FF 'c'} + position, {@link CoreKeys}) holding its keys and kinds <em>in that same
 * engine transaction</em>: the entry commits or vanishes with the changes, on every engine. The engine's own commit
 * sequence is known only after commit, hence positions of the feed's own. Two commits that wrote one key take their
 * positions in commit order: the later one took its position after the earlier began committing, so its snapshot does
 * not include the earlier commit, and the engine's first-committer-wins check would have failed it had they overlapped.
 * <p>
 * <b>No miss, no repeat.</b> Commits finish in any order, so a reader sees only up to the <em>stable</em> position:
 * the one below the oldest position still committing. Every position at or below it has either committed (then a
 * snapshot begun afterwards holds its entry) or failed (its entry never exists: a gap). A reader's cursor is the last
 * position it was given, so an entry can never appear later below a cursor already handed out. After a reopen the
 * next position continues after the highest entry, or after the trim mark when retention emptied the feed.
 * <p>
 * <b>Retention</b> is bounded: {@code change.feed.retain} positions (an entry per commit, fewer with gaps), and when
 * {@code change.feed.age} is set, no entry older than that. Core's maintenance trims the oldest entries in
 * transactions of {@value #TRIM_BATCH}, moving the trim mark ({@code FF 'd'}) with them; a reader whose cursor is
 * below the mark gets {@link ChangesTrimmedException}, never a silent gap. The mark is read in the reader's snapshot.
 * <p>
 * <b>Where a feed begins.</b> Positions are not carried by a backup, a restore or a migration (they copy keys through
 * the public API onto another engine), so a feed that begins on an engine does not begin at 1 but after an
 * <em>origin</em> taken from the clock ({@value #ORIGIN_PER_MILLI} positions per millisecond since the epoch, kept in
 * {@code FF 'o'}): above every position an earlier feed of the store handed out, unless that feed averaged more than
 * {@value #ORIGIN_PER_MILLI} commits a millisecond or the clock went back. A cursor that is no position of this feed,
 * below its origin or above the last position it handed out (one from before a restore or migration, or from commits
 * an engine lost in a crash), gets {@link ChangesTrimmedException} with {@code trimmedThrough} at the origin (or the
 * trim mark): never a silent re-read or miss. Cursor 0 always means "from the oldest kept". A feed begun before
 * origins existed has origin 0.
 */
final class ChangeJournal {

    /** A store without a feed. */
    static final ChangeJournal OFF = new ChangeJournal("", 0, 0, 0, 0, 0);

    static final int TRIM_BATCH = 256;
    static final long ORIGIN_PER_MILLI = 1_000;
    private static final byte FORMAT = 1;

    private final String store;
    private final long retain;
    private final long maxAgeMillis;
    private final TreeSet<Long> committing = new TreeSet<>();
    private final AtomicLong trimmed = new AtomicLong();
    private long last;
    private long oldest;
    /** The position before this feed's first. */
    private final long origin;

    private ChangeJournal(String store, long retain, long maxAgeMillis, long last, long oldest, long origin) {
        this.origin = origin;
        this.store = store;
        this.retain = retain;
        this.maxAgeMillis = maxAgeMillis;
        this.last = last;
        this.oldest = oldest;
    }

    /** The feed of an engine just opened: its next position continues after what the engine holds. */
    static ChangeJournal open(String store, StorageEngine engine, long retain, long maxAgeMillis, long nowMillis) {
        if (retain <= 0) {
            return OFF;
        }
        long origin = origin(engine, nowMillis);
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            long mark = trimMark(tx);
            long last = Math.max(mark, origin);
            long oldest = last + 1;
            try (EngineCursor cursor = tx.cursor(CoreKeys.allChanges(), true)) {
                if (cursor.next()) {
                    last = Math.max(last, CoreKeys.changePosition(cursor.key()));
                }
            }
            try (EngineCursor cursor = tx.cursor(CoreKeys.allChanges(), false)) {
                if (cursor.next()) {
                    oldest = CoreKeys.changePosition(cursor.key());
                }
            }
            return new ChangeJournal(store, retain, maxAgeMillis, last, oldest, origin);
        }
    }

    /**
     * The feed's origin: as recorded; for a feed that holds nothing yet on a writable engine, one taken from the
     * clock now and recorded; 0 for a feed begun before origins existed (or on a read-only engine).
     */
    private static long origin(StorageEngine engine, long nowMillis) {
        if (engine.isReadOnly()) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                byte[] origin = tx.get(CoreKeys.CHANGES_ORIGIN);
                return origin == null ? 0 : ByteBuffer.wrap(origin).getLong();
            }
        }
        while (true) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                byte[] recorded = tx.get(CoreKeys.CHANGES_ORIGIN);
                if (recorded != null) {
                    return ByteBuffer.wrap(recorded).getLong();
                }
                boolean begun = tx.get(CoreKeys.CHANGES_TRIMMED) != null;
                try (EngineCursor cursor = tx.cursor(CoreKeys.allChanges(), false)) {
                    begun |= cursor.next();
                }
                if (begun) {
                    return 0;
                }
                long origin = nowMillis > Long.MAX_VALUE / (4 * ORIGIN_PER_MILLI) ? 0 : nowMillis * ORIGIN_PER_MILLI;
                tx.put(CoreKeys.CHANGES_ORIGIN, ByteBuffer.allocate(Long.BYTES).putLong(origin).array());
                tx.commit();
                return origin;
            } catch (dev.strata.api.ConflictException e) {
                // nobody else writes while the store opens, but a retry is harmless
            }
        }
    }

    boolean enabled() {
        return retain > 0;
    }

    /** Takes the next position for a commit about to call the engine; {@link #finished} must follow. */
    synchronized long take() {
        long position = ++last;
        committing.add(position);
        return position;
    }

    /** The commit at {@code position} returned or failed: positions up to it may become readable. */
    synchronized void finished(long position) {
        committing.remove(position);
    }

    /** The highest position below which nothing is still committing. */
    synchronized long stable() {
        return committing.isEmpty() ? last : committing.first() - 1;
    }

    /** Writes the commit's entry into its engine transaction, just before the engine's commit. */
    static void write(EngineTransaction tx, long position, long now, Map<String, Change.Kind> changes) {
        List<byte[]> keys = new ArrayList<>(changes.size());
        int size = 1 + Long.BYTES + Integer.BYTES;
        for (String key : changes.keySet()) {
            byte[] encoded = key.getBytes(StandardCharsets.UTF_8);
            keys.add(encoded);
            size += 1 + Short.BYTES + encoded.length;
        }
        ByteBuffer entry = ByteBuffer.allocate(size).put(FORMAT).putLong(now).putInt(changes.size());
        int i = 0;
        for (Change.Kind kind : changes.values()) {
            byte[] key = keys.get(i++);
            entry.put((byte) kind.ordinal()).putShort((short) key.length).put(key); // keys are at most 1,024 bytes
        }
        tx.put(CoreKeys.changeKey(position), entry.array());
    }

    /** Up to {@code limit} commits after {@code cursor}, never past the stable position. */
    ChangePage read(StorageEngine engine, long cursor, int limit) {
        if (!enabled()) {
            throw new InvalidArgumentException("store '" + store + "' keeps no change feed (set change.feed.retain)");
        }
        if (cursor < 0 || limit < 1) {
            throw new InvalidArgumentException("change feed of store '" + store + "': cursor must be 0 or more and "
                    + "limit 1 or more, were " + cursor + " and " + limit);
        }
        long through = stable(); // before the snapshot begins: every position up to it has finished
        long handedOut;
        synchronized (this) {
            handedOut = last;
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            long mark = trimMark(tx);
            if (cursor != 0 && (cursor < origin || cursor > handedOut)) {
                throw new ChangesTrimmedException("change feed of store '" + store + "': cursor " + cursor
                        + " is no position of this feed, which began after " + origin + " and has handed out up to "
                        + handedOut + " (a cursor from before a restore or migration onto this engine, or of commits "
                        + "its engine lost in a crash); read again from 0 and resynchronise", Math.max(origin, mark));
            }
            long from = cursor == 0 ? origin : cursor;
            if (from < mark) {
                throw new ChangesTrimmedException("change feed of store '" + store + "': the commits after position "
                        + cursor + " up to " + mark + " were dropped by its retention (change.feed.retain "
                        + retain + (maxAgeMillis > 0 ? ", change.feed.age " + maxAgeMillis + " ms" : "") + ")", mark);
            }
            List<Change> changes = new ArrayList<>();
            long next = cursor;
            int commits = 0;
            boolean more = false;
            if (through > from) {
                try (EngineCursor entries = tx.cursor(CoreKeys.changesBetween(from, through), false)) {
                    while (entries.next()) {
                        if (commits == limit) {
                            more = true;
                            break;
                        }
                        next = CoreKeys.changePosition(entries.key());
                        decode(next, entries.value(), changes);
                        commits++;
                    }
                }
            }
            return new ChangePage(changes, next, more);
        }
    }

    /** Whether retention has something to drop now (cheap: positions only, the age is checked by the trim). */
    synchronized boolean trimDue() {
        return enabled() && (last - oldest + 1 > retain || maxAgeMillis > 0 && last >= oldest);
    }

    /**
     * Drops the oldest entries beyond retention, in transactions of {@value #TRIM_BATCH}, for at most the budget.
     *
     * @return how many entries were dropped
     */
    long trim(StorageEngine engine, long now, long budgetMillis) {
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        long dropped = 0;
        int batch;
        do {
            batch = trimBatch(engine, now);
            dropped += batch;
        } while (batch == TRIM_BATCH && System.nanoTime() < deadline);
        trimmed.addAndGet(dropped);
        return dropped;
    }

    private int trimBatch(StorageEngine engine, long now) {
        long beyondCount;
        synchronized (this) {
            beyondCount = last - retain; // positions at or below it are beyond the count
        }
        long stable = stable(); // an entry still committing is never passed by the mark
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            long mark = trimMark(tx);
            long firstKept = Long.MAX_VALUE;
            List<byte[]> drop = new ArrayList<>(TRIM_BATCH);
            try (EngineCursor entries = tx.cursor(CoreKeys.allChanges(), false)) {
                while (entries.next()) {
                    long position = CoreKeys.changePosition(entries.key());
                    boolean tooOld = maxAgeMillis > 0 && now - ByteBuffer.wrap(entries.value(), 1, Long.BYTES)
                            .getLong() > maxAgeMillis;
                    if (drop.size() == TRIM_BATCH || position > stable || position > beyondCount && !tooOld) {
                        firstKept = position;
                        break;
                    }
                    drop.add(entries.key().clone());
                    mark = Math.max(mark, position);
                }
            }
            if (!drop.isEmpty()) {
                for (byte[] key : drop) {
                    tx.delete(key);
                }
                tx.put(CoreKeys.CHANGES_TRIMMED, ByteBuffer.allocate(Long.BYTES).putLong(mark).array());
                tx.commit();
            }
            synchronized (this) {
                oldest = firstKept == Long.MAX_VALUE ? Math.max(oldest, mark + 1) : firstKept;
            }
            return drop.size();
        }
    }

    /** Entries dropped by retention since the store opened. */
    long trimmed() {
        return trimmed.get();
    }

    /** Positions held now, gaps included (a figure). */
    synchronized long held() {
        return enabled() ? Math.max(0, last - oldest + 1) : 0;
    }

    private static long trimMark(EngineTransaction tx) {
        byte[] mark = tx.get(CoreKeys.CHANGES_TRIMMED);
        return mark == null ? 0 : ByteBuffer.wrap(mark).getLong();
    }

    private void decode(long position, byte[] value, List<Change> into) {
        ByteBuffer entry = ByteBuffer.wrap(value);
        if (entry.get() != FORMAT) {
            throw new dev.strata.api.CorruptionException("change feed of store '" + store + "': entry " + position
                    + " has an unknown format", "change feed entry", position);
        }
        entry.getLong();
        int count = entry.getInt();
        Change.Kind[] kinds = Change.Kind.values();
        for (int i = 0; i < count; i++) {
            Change.Kind kind = kinds[entry.get()];
            byte[] key = new byte[entry.getShort() & 0xFFFF];
            entry.get(key);
            into.add(new Change(store, new String(key, StandardCharsets.UTF_8), kind, position));
        }
    }
}
