package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.strata.api.ConflictException;
import dev.strata.api.CorruptionException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

/**
 * The record format of a store, decided when core opens its engine, never by guessing from a value's bytes, and the
 * online upgrade of a store written before values had a record envelope.
 * <p>
 * <b>The rule.</b> The marker {@link CoreKeys#FORMAT_MARKER} says how user values are stored:
 * <ul>
 * <li>marker {@code [2]}: every user value is a format-2 record ({@link RecordCodec});</li>
 * <li>marker {@code [1, w...]}: an upgrade is under way: a user key below the watermark {@code w} holds a record; a
 * key at or above it holds a record when its entry {@code FF 'u'} + key exists ({@link CoreKeys#upgradedKey}), which
 * every write of such a key leaves in its own transaction, else a raw value as Strata wrote it before (format 1);</li>
 * <li>no marker: every user value is raw (format 1), or the store is empty.</li>
 * </ul>
 * <b>Opening</b> ({@link #settle}) is quick: an empty store gets {@code [2]}, a store with user keys and no marker gets
 * {@code [1]} (nothing below the watermark yet), and the store goes ONLINE at once. Reads judge each key by the rule
 * in their own snapshot ({@link RecordView}); writes always write records.
 * <p>
 * <b>The upgrade</b> ({@link #step}, driven by core's maintenance through {@link FormatUpgrade}) wraps the raw values
 * (created and updated now, no expiry, no tags) in key order, in read-write transactions of {@value #BATCH} keys,
 * each of which also moves the watermark past the keys it looked at and drops their {@code FF 'u'} entries. A key
 * with such an entry was written since as a record and is left alone, so the upgrade never overwrites a newer write;
 * a writer committing one of the batch's keys while the batch runs makes one of the two commits conflict (both wrote
 * the key, or its entry), and a batch that loses is simply run again. A crash or a close in the middle leaves a
 * watermark from which the next open carries on; no key is wrapped twice, since the watermark moves in the same
 * transaction as the keys. The last batch writes {@code [2]} and drops every entry left. An engine that opens
 * read-only cannot be upgraded: its reads still follow the rule, its writes are refused.
 */
final class StoreFormat {

    static final int BATCH = 512;
    private static final byte UPGRADING = 1;
    private static final byte[] DONE = {RecordCodec.FORMAT_2};
    private static final byte[] FROM_START = {UPGRADING};

    private StoreFormat() {
    }

    /** Settles the store's format marker without upgrading anything and says how to read the store. */
    static ValueRecords settle(String store, StorageEngine engine, java.time.Clock clock, long defaultTtlMillis) {
        if (engine.isReadOnly()) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                byte[] marker = tx.get(CoreKeys.FORMAT_MARKER);
                boolean upgrading = marker == null ? hasUserKeys(tx) : watermark(store, marker) != null;
                return new ValueRecords(store, clock, upgrading, false, defaultTtlMillis,
                        TagIndexBuild.ensure(engine, false));
            }
        }
        while (true) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                byte[] marker = tx.get(CoreKeys.FORMAT_MARKER);
                boolean upgrading = marker == null ? hasUserKeys(tx) : watermark(store, marker) != null;
                if (upgrading) {
                    if (marker == null) {
                        tx.put(CoreKeys.FORMAT_MARKER, FROM_START);
                    }
                    // no value of an unfinished upgrade carries tags (the upgrade writes none, and a writer indexes
                    // its own), so the tag index of such a store is complete as it is
                    tx.put(TagIndexBuild.MARKER, TagIndexBuild.DONE);
                } else if (marker == null) {
                    tx.put(CoreKeys.FORMAT_MARKER, DONE);
                } else {
                    dropUpgradedEntries(tx); // left by writers that raced the last batch of an upgrade, if any
                }
                tx.commit();
                return new ValueRecords(store, clock, upgrading, true, defaultTtlMillis,
                        upgrading || TagIndexBuild.ensure(engine, true));
            } catch (ConflictException e) {
                // nobody else writes while the store opens, but a retry is harmless
            }
        }
    }

    /**
     * The watermark of a format marker: {@code null} for {@code [2]} (every value is a record), empty for no marker
     * (no value is), else the keys below which every value is a record.
     */
    static byte[] watermark(String store, byte[] marker) {
        if (marker == null) {
            return new byte[0];
        }
        if (Arrays.equals(marker, DONE)) {
            return null;
        }
        if (marker.length < 1 || marker[0] != UPGRADING) {
            throw new CorruptionException("store '" + store + "': its record format marker (" + marker.length
                    + " bytes, first " + (marker.length == 0 ? "none" : marker[0])
                    + ") is not one this version of Strata knows", null, -1);
        }
        return Arrays.copyOfRange(marker, 1, marker.length);
    }

    /**
     * Upgrades one batch in one read-write transaction of {@code engine} (the engine as the store serves it, so the
     * read cache sees the commit).
     *
     * @return how many raw values it wrapped, and whether the store is in format 2 now
     * @throws ConflictException when a writer committed one of the batch's keys meanwhile (nothing was applied)
     */
    static Step step(String store, StorageEngine engine, long now) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            byte[] from = watermark(store, tx.get(CoreKeys.FORMAT_MARKER));
            if (from == null) {
                return new Step(0, true);
            }
            List<byte[][]> batch = new ArrayList<>(BATCH);
            boolean more;
            try (EngineCursor cursor = tx.cursor(new KeyRange(from.length == 0 ? null : from, CoreKeys.USER_END),
                    false)) {
                while (batch.size() < BATCH && cursor.next()) {
                    batch.add(new byte[][] {cursor.key().clone(), cursor.value().clone()});
                }
                more = batch.size() == BATCH && cursor.next();
            }
            long wrapped = 0;
            for (byte[][] entry : batch) {
                byte[] upgraded = CoreKeys.upgradedKey(entry[0]);
                if (tx.get(upgraded) != null) {
                    tx.delete(upgraded); // written as a record since the upgrade began: below the watermark now
                } else {
                    tx.put(entry[0], RecordCodec.encode(now, now, 1, 0, Set.of(), entry[1]));
                    wrapped++;
                }
            }
            if (more) {
                byte[] last = batch.get(batch.size() - 1)[0];
                byte[] watermark = new byte[last.length + 2]; // [1] + the smallest key after the last one looked at
                watermark[0] = UPGRADING;
                System.arraycopy(last, 0, watermark, 1, last.length);
                tx.put(CoreKeys.FORMAT_MARKER, watermark);
            } else {
                dropUpgradedEntries(tx); // entries of keys deleted since, below the watermark: no longer needed
                tx.put(CoreKeys.FORMAT_MARKER, DONE);
            }
            tx.commit();
            return new Step(wrapped, !more);
        }
    }

    /** What one batch of the upgrade did. */
    record Step(long wrapped, boolean finished) {
    }

    private static void dropUpgradedEntries(EngineTransaction tx) {
        List<byte[]> entries = new ArrayList<>();
        try (EngineCursor cursor = tx.cursor(CoreKeys.allUpgraded(), false)) {
            while (cursor.next()) {
                entries.add(cursor.key().clone());
            }
        }
        entries.forEach(tx::delete);
    }

    private static boolean hasUserKeys(EngineTransaction tx) {
        try (EngineCursor cursor = tx.cursor(new KeyRange(null, CoreKeys.USER_END), false)) {
            return cursor.next();
        }
    }
}
