package dev.strata.jobs.internal.work;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyMetadata;
import dev.strata.api.KeyOrder;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.archive.ContentDigest;
import dev.strata.jobs.internal.archive.KeyRecord;

/**
 * Walks one snapshot of a source and one of a target side by side, both in key order, and either makes the target
 * equal to that source snapshot, values, expiry and tags (writing what differs, deleting what the source no longer
 * holds, up to {@value #BATCH} changes per transaction and at least one transaction per job chunk), or compares the
 * two by SHA-256 digests over key ranges. A key range holds up to {@value #RANGE_KEYS} source keys and every target
 * key up to the range's last source key, so the ranges of both sides cover the same keys and a difference is named
 * by its range.
 */
final class StoreDiff {

    static final int BATCH = StoreContent.BATCH;
    static final int RANGE_KEYS = 1000;

    /**
     * What one walk found.
     *
     * @param same       keys equal on both sides
     * @param written    keys the target lacked or held another value for
     * @param deleted    keys the target held and the source did not
     * @param keys       source keys
     * @param bytes      source bytes (keys and values)
     * @param sequence   the source snapshot's commit sequence
     * @param digest     the source snapshot's content digest
     * @param ranges     key ranges compared
     * @param mismatches the ranges whose digests differ (compare only), one line each
     */
    record Result(long same, long written, long deleted, long keys, long bytes, long sequence, String digest,
            long ranges, List<String> mismatches) {

        long changes() {
            return written + deleted;
        }
    }

    private StoreDiff() {
    }

    /** Makes the target equal to one snapshot of the source, expiry and tags included. */
    static Result apply(Store source, Store target, JobControl control, int chunkBytes, LongSupplier clock) {
        return walk(source, target, control, true, chunkBytes, clock);
    }

    /**
     * Compares one snapshot of each by digests over key ranges, changing nothing; a key whose expiry or tags differ
     * makes its range differ too.
     */
    static Result compare(Store source, Store target, JobControl control, int chunkBytes, LongSupplier clock) {
        return walk(source, target, control, false, chunkBytes, clock);
    }

    private static Result walk(Store source, Store target, JobControl control, boolean apply,
            int chunkBytes, LongSupplier clock) {
        try (Transaction s = source.begin(TransactionMode.READ_ONLY);
             Transaction t = target.begin(TransactionMode.READ_ONLY);
             EntryCursor a = s.scan(Scan.all());
             EntryCursor b = t.scan(Scan.all())) {
            Walk walk = new Walk(target, control, apply, chunkBytes, clock, s, t);
            walk.run(a, b);
            return new Result(walk.same, walk.written, walk.deleted, walk.keys, walk.bytes, s.snapshotSequence(),
                    walk.whole.finish(), walk.ranges, List.copyOf(walk.mismatches));
        }
    }

    /** The state of one walk. */
    private static final class Walk {
        private final Store target;
        private final JobControl control;
        private final boolean apply;
        private final ContentDigest whole = new ContentDigest();
        private final List<KeyRecord> puts = new ArrayList<>();
        private final List<String> deletes = new ArrayList<>();
        private final List<String> mismatches = new ArrayList<>();
        private ContentDigest sourceRange = new ContentDigest();
        private ContentDigest targetRange = new ContentDigest();
        private String rangeStart = "";
        private long inRange;
        private long targetInRange;
        /** Keys of the current range whose value is equal on both sides but whose expiry or tags are not. */
        private long metadataInRange;
        private String metadataExample;
        private long same;
        private long written;
        private long deleted;
        private long keys;
        private long bytes;
        private long ranges;
        private long sinceChunk;

        private final int chunkBytes;
        private final LongSupplier clock;
        private final ReadOperations sourceSnapshot;
        private final ReadOperations targetSnapshot;

        Walk(Store target, JobControl control, boolean apply, int chunkBytes, LongSupplier clock,
                ReadOperations sourceSnapshot, ReadOperations targetSnapshot) {
            this.chunkBytes = chunkBytes;
            this.target = target;
            this.control = control;
            this.apply = apply;
            this.clock = clock;
            this.sourceSnapshot = sourceSnapshot;
            this.targetSnapshot = targetSnapshot;
        }

        void run(EntryCursor a, EntryCursor b) {
            KeyRecord x = nextRecord(a);
            Entry y = next(b);
            while (x != null || y != null) {
                int order = x == null ? 1 : y == null ? -1 : KeyOrder.compare(x.key(), y.key());
                if (order <= 0) {
                    byte[] key = x.key().getBytes(StandardCharsets.UTF_8);
                    whole.update(key, x.value());
                    sourceRange.update(key, x.value());
                    keys++;
                    bytes += key.length + x.value().length;
                    sinceChunk += key.length + x.value().length;
                    if (order == 0 && Arrays.equals(x.value(), y.value()) && sameMetadata(x, b)) {
                        same++;
                    } else if (apply) {
                        puts.add(x);
                    } else if (order == 0 && Arrays.equals(x.value(), y.value())) {
                        metadataInRange++;
                        metadataExample = metadataExample == null ? x.key() : metadataExample;
                    }
                }
                if (order >= 0) {
                    targetRange.update(y.key().getBytes(StandardCharsets.UTF_8), y.value());
                    targetInRange++;
                    if (order > 0) {
                        sinceChunk += y.key().length() + y.value().length;
                    }
                    if (order > 0 && apply) {
                        deletes.add(y.key());
                    }
                }
                String last = order <= 0 ? x.key() : null;
                if (order <= 0) {
                    x = nextRecord(a);
                }
                if (order >= 0) {
                    y = next(b);
                }
                if (last != null && ++inRange >= RANGE_KEYS) {
                    // the range ends at this source key; target keys up to it were consumed with it
                    closeRange(last);
                }
                if (puts.size() + deletes.size() >= BATCH) {
                    flush();
                }
                if (sinceChunk >= chunkBytes) {
                    // commit before the progress moves: the keys a job shows as done are in the target, so a
                    // killed job resumed later finds at least them (a batch alone may span a whole small store)
                    flush();
                    control.chunkDone(keys, bytes, sinceChunk);
                    sinceChunk = 0;
                }
            }
            flush();
            if (inRange > 0 || targetInRange > 0 || ranges == 0) {
                closeRange(null);
            }
            control.progress(keys, bytes);
        }

        private void closeRange(String lastKey) {
            String s = sourceRange.finish();
            String t = targetRange.finish();
            ranges++;
            if (!apply && (!s.equals(t) || metadataInRange > 0)) {
                mismatches.add("keys (" + (rangeStart.isEmpty() ? "start" : "'" + rangeStart + "'") + " .. "
                        + (lastKey == null ? "end" : "'" + lastKey + "'") + "]: source " + s + ", target " + t
                        + (metadataInRange == 0 ? "" : "; expiry or tags differ for " + metadataInRange
                        + " key(s), first '" + metadataExample + "'"));
            }
            metadataInRange = 0;
            metadataExample = null;
            rangeStart = lastKey == null ? "" : lastKey;
            sourceRange = new ContentDigest();
            targetRange = new ContentDigest();
            inRange = 0;
            targetInRange = 0;
        }

        private void flush() {
            int n = puts.size() + deletes.size();
            if (n == 0) {
                return;
            }
            long now = clock.getAsLong();
            target.inTransaction(tx -> {
                puts.forEach(r -> Records.put(tx, r, now));
                deletes.forEach(tx::delete);
            });
            written += puts.size();
            deleted += deletes.size();
            puts.clear();
            deletes.clear();
            control.checkCancelled();
        }

        /** The next source key with its metadata; a key that expired after the scan returned it is passed over. */
        private KeyRecord nextRecord(EntryCursor cursor) {
            while (cursor.hasNext()) {
                Optional<KeyRecord> r = Records.read(sourceSnapshot, cursor, cursor.next());
                if (r.isPresent()) {
                    return r.get();
                }
            }
            return null;
        }

        /** Whether the target key the cursor just returned has the source key's expiry and tags. */
        private boolean sameMetadata(KeyRecord x, EntryCursor b) {
            Optional<KeyMetadata> t = Records.metadata(targetSnapshot, b, x.key());
            return t.isPresent() && x.sameMetadata(Records.expiresAt(t.get()), t.get().tags());
        }
    }

    private static Entry next(EntryCursor cursor) {
        return cursor.hasNext() ? cursor.next() : null;
    }
}
