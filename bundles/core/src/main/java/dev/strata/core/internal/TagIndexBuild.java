package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

/**
 * Builds the tag index ({@link TagIndex}) of a store whose records were written before core kept one: format-2
 * records already carry their tags, so when core opens a writable engine without the marker {@code FF 'T' [1]} it
 * adds an index entry for every tag of every record, in key order, in transactions of {@value #BATCH} records, each of
 * which also moves the marker's watermark ({@code FF 'T' [0, k...]}) past the records it indexed; a crash in the
 * middle resumes from the watermark (writing an entry twice is harmless: it is the same key and value). It runs
 * after the record format is settled ({@link StoreFormat}), for a store in format 2, while the store is still OPENING.
 * An empty store gets the marker at once, and so does a store whose format upgrade is unfinished (none of its values
 * has tags yet but those its writers index themselves). A read-only engine without the marker cannot be indexed: its tag reads then
 * scan the records ({@link TagIndex}).
 */
final class TagIndexBuild {

    static final int BATCH = 512;
    static final byte[] MARKER = {(byte) 0xFF, 'T'};
    static final byte[] DONE = {1};

    private TagIndexBuild() {
    }

    /** @return whether the store's tag index is complete (built now if it was not and the engine is writable) */
    static boolean ensure(StorageEngine engine, boolean writable) {
        if (engine.isReadOnly() || !writable) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                return Arrays.equals(tx.get(MARKER), DONE);
            }
        }
        while (!step(engine)) {
            // each step indexes one batch and commits; the loop ends when the marker says done
        }
        return true;
    }

    private static boolean step(StorageEngine engine) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            byte[] marker = tx.get(MARKER);
            if (Arrays.equals(marker, DONE)) {
                return true;
            }
            byte[] from = marker == null || marker.length < 2 ? null : Arrays.copyOfRange(marker, 1, marker.length);
            List<byte[][]> batch = new ArrayList<>(BATCH);
            boolean more;
            try (EngineCursor cursor = tx.cursor(new KeyRange(from, CoreKeys.USER_END), false)) {
                while (batch.size() < BATCH && cursor.next()) {
                    batch.add(new byte[][] {cursor.key(), cursor.value()});
                }
                more = batch.size() == BATCH && cursor.next();
            }
            for (byte[][] entry : batch) {
                if ((entry[1][1] & RecordCodec.FLAG_TAGS) != 0) {
                    for (String tag : RecordCodec.header("", entry[1]).tags()) {
                        tx.put(CoreKeys.tagKey(tag, entry[0]), CoreKeys.tagValue(tag, entry[0]));
                    }
                }
            }
            if (more) {
                byte[] last = batch.get(batch.size() - 1)[0];
                byte[] watermark = new byte[last.length + 2]; // [0] + the smallest key after the last one indexed
                System.arraycopy(last, 0, watermark, 1, last.length);
                tx.put(MARKER, watermark);
            } else {
                tx.put(MARKER, DONE);
            }
            tx.commit();
            return !more;
        } catch (ConflictException e) {
            return false; // nobody else writes while the store opens, but a retry is harmless
        }
    }
}
