package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.PutOptions;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;

/**
 * Reads of the tag index ({@code FF 't'} + tag + user key, {@link CoreKeys}), which {@link RecordWriter} keeps in the
 * same transaction as the records (and {@link ExpiryPurge} with its deletes), so that, read in one snapshot, it lists
 * exactly the keys whose record carries the tag. Expiry is still checked on this read path: a key whose time has come
 * is left out before the purge removes it.
 */
final class TagIndex {

    private TagIndex() {
    }

    /** The live keys tagged {@code tag} as the transaction sees them (own writes included), in index order. */
    static List<String> keys(EngineTransaction tx, RecordView view, String tag, int limit) {
        check(tag, limit);
        List<String> keys = new ArrayList<>();
        if (!view.records().tagIndexed()) {
            return scanned(tx, view, tag, limit); // a read-only engine of a store indexed by no open yet
        }
        try (EngineCursor entries = tx.cursor(CoreKeys.tagged(tag), false)) {
            while (keys.size() < limit && entries.next()) {
                byte[] key = CoreKeys.tagUserKey(tag, entries.key(), entries.value());
                if (view.liveHeader(key, tx.get(key)) != null) {
                    keys.add(CoreKeys.display(key));
                }
            }
        }
        return keys;
    }

    private static List<String> scanned(EngineTransaction tx, RecordView view, String tag, int limit) {
        List<String> keys = new ArrayList<>();
        try (EngineCursor entries = tx.cursor(new dev.strata.api.spi.KeyRange(null, CoreKeys.USER_END), false)) {
            while (keys.size() < limit && entries.next()) {
                byte[] key = entries.key().clone();
                boolean record = view.isRecord(key); // (a raw value has no tags) judged before the value is read
                RecordCodec.Header header = record ? view.records().liveHeader(entries.value()) : null;
                if (header != null && header.tags().contains(tag)) {
                    keys.add(CoreKeys.display(key));
                }
            }
        }
        return keys;
    }

    static void check(String tag, int limit) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidArgumentException("a tag must not be null or empty");
        }
        if (tag.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PutOptions.MAX_TAG_BYTES) {
            throw new InvalidArgumentException("tag '" + tag + "' is over " + PutOptions.MAX_TAG_BYTES + " UTF-8 bytes");
        }
        if (limit < 1) {
            throw new InvalidArgumentException("limit must be 1 or more, was " + limit);
        }
    }
}
