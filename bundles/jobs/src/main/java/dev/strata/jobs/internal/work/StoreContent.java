package dev.strata.jobs.internal.work;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.archive.ContentDigest;

/** Whole-store reads and writes the jobs share: digest of one snapshot, emptiness, clearing in batches. */
final class StoreContent {

    static final int BATCH = 1000;

    /** What one snapshot of a store holds. */
    record Summary(long keys, long bytes, String digest) {
    }

    private StoreContent() {
    }

    /** Keys, bytes and {@link ContentDigest} of one read-only snapshot. */
    static Summary summarize(Store store, JobControl control, int chunkBytes) {
        ContentDigest digest = new ContentDigest();
        long keys = 0;
        long bytes = 0;
        long sinceChunk = 0;
        try (Transaction tx = store.begin(TransactionMode.READ_ONLY); EntryCursor cursor = tx.scan(Scan.all())) {
            while (cursor.hasNext()) {
                Entry e = cursor.next();
                byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
                digest.update(key, e.value());
                keys++;
                long n = key.length + e.value().length;
                bytes += n;
                sinceChunk += n;
                if (control != null && sinceChunk >= chunkBytes) {
                    control.chunkDone(keys, bytes, sinceChunk);
                    sinceChunk = 0;
                }
            }
        }
        return new Summary(keys, bytes, digest.finish());
    }

    static boolean isEmpty(Store store) {
        try (EntryCursor cursor = store.scan(Scan.all().limit(1))) {
            return !cursor.hasNext();
        }
    }

    /** Deletes every key, {@value #BATCH} per transaction. Not atomic as a whole: for stores being emptied anyway. */
    static long clear(Store store) {
        long deleted = 0;
        while (true) {
            List<String> keys = new ArrayList<>(BATCH);
            try (EntryCursor cursor = store.scan(Scan.all().limit(BATCH))) {
                cursor.forEachRemaining(e -> keys.add(e.key()));
            }
            if (keys.isEmpty()) {
                return deleted;
            }
            store.inTransaction(tx -> keys.forEach(tx::delete));
            deleted += keys.size();
        }
    }
}
