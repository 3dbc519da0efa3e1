package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

/**
 * The record format of a store, decided when core opens its engine, never by guessing from a value's bytes.
 * <p>
 * <b>The rule.</b> The marker {@link CoreKeys#FORMAT_MARKER} says how user values are stored:
 * <ul>
 * <li>marker {@code [2]}: every user value is a format-2 record ({@link RecordCodec});</li>
 * <li>marker {@code [1, k...]}: an upgrade is under way: user keys below {@code k} are format-2 records, the rest
 * are raw values as Strata wrote them before records had metadata (format 1);</li>
 * <li>no marker: every user value is raw (format 1), or the store is empty.</li>
 * </ul>
 * When core opens a writable engine it settles the format before any operation runs: an empty store gets marker
 * {@code [2]} at once; a store with user keys and no marker (or an unfinished upgrade) is upgraded in place: its raw
 * values are wrapped into records (created and updated now, no expiry, no tags) in key order, in transactions of
 * {@value #BATCH} keys, each of which also moves the marker's watermark {@code k} past the keys it wrapped. A crash
 * or a close in the middle leaves a marker from which the next open carries on; no key is wrapped twice, because the
 * watermark moves in the same transaction as the keys. The store is OPENING meanwhile, so no other write sees the
 * half-upgraded state, and no operator step is needed. An engine that opens read-only cannot be upgraded: a store
 * without the marker then reads its values raw (without metadata) and refuses writes, as its engine does anyway.
 */
final class StoreFormat {

    static final int BATCH = 512;
    private static final byte UPGRADING = 1;
    private static final byte[] DONE = {RecordCodec.FORMAT_2};

    private StoreFormat() {
    }

    /** Settles the store's format (upgrading a writable store of the older format) and says how to read it. */
    static ValueRecords settle(String store, StorageEngine engine, java.time.Clock clock, long defaultTtlMillis) {
        if (engine.isReadOnly()) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                byte[] marker = tx.get(CoreKeys.FORMAT_MARKER);
                boolean enveloped = marker != null && Arrays.equals(marker, DONE) || !hasUserKeys(tx, null);
                return new ValueRecords(store, clock, enveloped, defaultTtlMillis,
                        TagIndexBuild.ensure(engine, enveloped));
            }
        }
        while (!upgradeStep(store, engine, clock)) {
            // each step wraps one batch and commits; the loop ends when the marker says format 2
        }
        return new ValueRecords(store, clock, true, defaultTtlMillis, TagIndexBuild.ensure(engine, true));
    }

    /** @return true when the store is in format 2 (nothing left to upgrade) */
    private static boolean upgradeStep(String store, StorageEngine engine, java.time.Clock clock) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            byte[] marker = tx.get(CoreKeys.FORMAT_MARKER);
            if (marker != null && Arrays.equals(marker, DONE)) {
                return true;
            }
            if (marker != null && (marker.length < 2 || marker[0] != UPGRADING)) {
                throw new dev.strata.api.CorruptionException("store '" + store + "': its record format marker ("
                        + marker.length + " bytes, first " + (marker.length == 0 ? "none" : marker[0])
                        + ") is not one this version of Strata knows", null, -1);
            }
            byte[] from = marker == null ? null : Arrays.copyOfRange(marker, 1, marker.length);
            List<byte[][]> batch = new ArrayList<>(BATCH);
            boolean more;
            try (EngineCursor cursor = tx.cursor(new KeyRange(from, CoreKeys.USER_END), false)) {
                while (batch.size() < BATCH && cursor.next()) {
                    batch.add(new byte[][] {cursor.key(), cursor.value()});
                }
                more = batch.size() == BATCH && cursor.next();
            }
            long now = clock.millis();
            for (byte[][] entry : batch) {
                tx.put(entry[0], RecordCodec.encode(now, now, 1, 0, Set.of(), entry[1]));
            }
            if (more) {
                byte[] last = batch.get(batch.size() - 1)[0];
                byte[] next = Arrays.copyOf(last, last.length + 1); // the smallest key after the last one wrapped
                byte[] watermark = new byte[next.length + 1];
                watermark[0] = UPGRADING;
                System.arraycopy(next, 0, watermark, 1, next.length);
                tx.put(CoreKeys.FORMAT_MARKER, watermark);
            } else {
                tx.put(CoreKeys.FORMAT_MARKER, DONE);
            }
            tx.commit();
            return !more;
        } catch (ConflictException e) {
            return false; // nobody else writes while the store opens, but a retry is harmless
        }
    }

    private static boolean hasUserKeys(EngineTransaction tx, byte[] from) {
        try (EngineCursor cursor = tx.cursor(new KeyRange(from, CoreKeys.USER_END), false)) {
            return cursor.next();
        }
    }

}
