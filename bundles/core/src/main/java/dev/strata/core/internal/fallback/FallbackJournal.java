package dev.strata.core.internal.fallback;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

/**
 * The journal of one primary store, kept in its fallback store's engine ({@link JournalCodec} has the layout). An
 * append writes the entry, the overlay of every key it touches and the advanced counter in one engine transaction
 * of the fallback: the entry is there with its overlay, or neither is. Appends and drops take this object's monitor,
 * so journal order is the order in which commits were acknowledged and the two never conflict in the engine.
 */
public final class FallbackJournal {

    /** Runs work on the fallback store's open engine, inside the store (its close waits for the work). */
    @FunctionalInterface
    public interface EngineAccess {
        /** @throws dev.strata.api.StoreUnavailableException when the fallback store is not open */
        <T> T call(Function<StorageEngine, T> work);
    }

    /** One journaled commit. */
    public record Entry(long journalId, long seq, List<JournalOp> ops) { }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String primary;
    private final String fallback;
    private final EngineAccess engine;
    private final JournalCodec codec;
    /** Entries not yet dropped; -1 until counted. Changed only under the monitor. */
    private volatile long pending = -1;

    public FallbackJournal(String primary, String fallback, EngineAccess engine) {
        this.primary = primary;
        this.fallback = fallback;
        this.engine = engine;
        this.codec = new JournalCodec(primary);
    }

    /** The fallback store's name. */
    public String fallbackStore() {
        return fallback;
    }

    /**
     * Appends one commit's writes: durable in the fallback at the fallback's durability when this returns.
     *
     * @return the entry's sequence number
     */
    public synchronized long append(List<JournalOp> ops) {
        long before = pending();
        long seq = engine.call(e -> {
            try (EngineTransaction tx = e.begin(TransactionMode.READ_WRITE)) {
                long[] counter = counter(tx);
                long next = counter[1];
                tx.put(codec.entryKey(next), JournalCodec.batch(ops));
                Map<String, JournalOp> last = new LinkedHashMap<>();
                ops.forEach(op -> last.put(op.key(), op));
                last.values().forEach(op -> tx.put(codec.overlayKey(op.key()), JournalCodec.overlay(next, op)));
                tx.put(codec.counterKey(), JournalCodec.counter(counter[0], next + 1));
                tx.commit();
                return next;
            }
        });
        pending = before + 1;
        return seq;
    }

    /** The last journaled state of a key, when a commit still in the journal wrote it. */
    public Optional<JournalOp> lookup(String key) {
        byte[] stored = engine.call(e -> {
            try (EngineTransaction tx = e.begin(TransactionMode.READ_ONLY)) {
                return tx.get(codec.overlayKey(key));
            }
        });
        if (stored == null) {
            return Optional.empty();
        }
        JournalOp op = JournalCodec.readOverlay(stored, where("overlay of " + key)).op();
        return op.key().equals(key) ? Optional.of(op) : Optional.empty(); // a hashed key shared by another key
    }

    /** Up to {@code limit} entries with a sequence above {@code after}, in journal order. */
    public List<Entry> read(long after, int limit) {
        return engine.call(e -> {
            List<Entry> entries = new ArrayList<>();
            try (EngineTransaction tx = e.begin(TransactionMode.READ_ONLY)) {
                long id = counter(tx)[0];
                try (EngineCursor cursor = tx.cursor(codec.entriesAfter(after), false)) {
                    while (entries.size() < limit && cursor.next()) {
                        long seq = codec.seqOf(cursor.key());
                        entries.add(new Entry(id, seq, JournalCodec.readBatch(cursor.value(), where("entry " + seq))));
                    }
                }
            }
            return entries;
        });
    }

    /**
     * Removes an entry the primary has applied, and the overlay of each key it wrote unless a later entry wrote
     * the key again, in one engine transaction.
     */
    public synchronized void drop(Entry entry) {
        long before = pending();
        boolean removed = engine.call(e -> {
            try (EngineTransaction tx = e.begin(TransactionMode.READ_WRITE)) {
                if (tx.get(codec.entryKey(entry.seq())) == null) {
                    return false;
                }
                tx.delete(codec.entryKey(entry.seq()));
                for (JournalOp op : entry.ops()) {
                    byte[] overlayKey = codec.overlayKey(op.key());
                    byte[] stored = tx.get(overlayKey);
                    if (stored != null && JournalCodec.readOverlay(stored, where("overlay")).seq() == entry.seq()) {
                        tx.delete(overlayKey);
                    }
                }
                tx.commit();
                return true;
            }
        });
        if (removed) {
            pending = Math.max(0, before - 1);
        }
    }

    /** How many entries wait to be applied (counted in the fallback the first time, then kept up to date). */
    public long pending() {
        long known = pending;
        if (known >= 0) {
            return known;
        }
        synchronized (this) {
            if (pending < 0) {
                pending = engine.call(e -> {
                    long count = 0;
                    try (EngineTransaction tx = e.begin(TransactionMode.READ_ONLY);
                         EngineCursor cursor = tx.cursor(codec.entriesAfter(0), false)) {
                        while (cursor.next()) {
                            count++;
                        }
                    }
                    return count;
                });
            }
            return pending;
        }
    }

    /** Whether the fallback store's engine can be used now. */
    public boolean reachable() {
        try {
            return engine.call(e -> Boolean.TRUE);
        } catch (dev.strata.api.StoreUnavailableException e) {
            return false;
        }
    }

    /** Forgets the counted figure: the fallback store was reopened (its engine may hold another state). */
    public synchronized void recount() {
        pending = -1;
    }

    /** The journal's identity and next sequence; a fresh identity when the journal was never written. */
    private long[] counter(EngineTransaction tx) {
        byte[] stored = tx.get(codec.counterKey());
        if (stored == null || stored.length != 2 * Long.BYTES) {
            return new long[] {RANDOM.nextLong() | 1, 1};
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        return new long[] {buffer.getLong(), buffer.getLong()};
    }

    private String where(String what) {
        return "journal of '" + primary + "' in '" + fallback + "', " + what;
    }
}
