package dev.strata.jobs.internal.work;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyOrder;
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.archive.ContentDigest;

/**
 * Catches a migration's target up with a source that kept changing while it was copied, without a change feed: each
 * round walks a fresh snapshot of the source and the target side by side (both in key order), writes what differs
 * and deletes from the target what the source no longer holds. A round that changes nothing proves the target
 * equal to that source snapshot (its commit sequence and digest go in the evidence). Writers that never pause keep
 * it from converging: after {@value #MAX_ROUNDS} rounds the job fails and says so.
 */
final class CatchUp {

    static final int MAX_ROUNDS = 10;

    private CatchUp() {
    }

    static String run(Store source, Store target, String pattern, JobControl control) {
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            control.message("catch-up round " + round);
            long[] changes = new long[1];
            long sequence;
            String digest;
            try (Transaction s = source.begin(TransactionMode.READ_ONLY);
                 Transaction t = target.begin(TransactionMode.READ_ONLY);
                 EntryCursor a = s.scan(Scan.pattern(pattern));
                 EntryCursor b = t.scan(Scan.pattern(pattern))) {
                sequence = s.snapshotSequence();
                digest = walk(a, b, target, changes, control);
            }
            if (changes[0] == 0) {
                String line = "catch-up round " + round + ": no differences; the target equals the source at its "
                        + "commit sequence " + sequence + " (" + digest + ")";
                control.report(line);
                return line;
            }
            control.report("catch-up round " + round + ": " + changes[0] + " changes applied, up to source commit "
                    + "sequence " + sequence);
        }
        throw new StorageException("the source kept changing: the target was not equal to it after " + MAX_ROUNDS
                + " catch-up rounds; run the migration again when writes pause");
    }

    private static String walk(EntryCursor a, EntryCursor b, Store target, long[] changes, JobControl control) {
        ContentDigest digest = new ContentDigest();
        Map<String, byte[]> puts = new LinkedHashMap<>();
        List<String> deletes = new ArrayList<>();
        Entry x = next(a);
        Entry y = next(b);
        while (x != null || y != null) {
            int order = x == null ? 1 : y == null ? -1 : KeyOrder.compare(x.key(), y.key());
            if (order < 0 || order == 0 && !Arrays.equals(x.value(), y.value())) {
                puts.put(x.key(), x.value());
            } else if (order > 0) {
                deletes.add(y.key());
            }
            if (order <= 0) {
                digest.update(x.key().getBytes(StandardCharsets.UTF_8), x.value());
                x = next(a);
            }
            if (order >= 0) {
                y = next(b);
            }
            if (puts.size() + deletes.size() >= StoreContent.BATCH) {
                changes[0] += apply(target, puts, deletes);
                control.checkCancelled();
            }
        }
        changes[0] += apply(target, puts, deletes);
        return digest.finish();
    }

    private static long apply(Store target, Map<String, byte[]> puts, List<String> deletes) {
        long n = puts.size() + deletes.size();
        if (n > 0) {
            target.inTransaction(tx -> {
                puts.forEach(tx::put);
                deletes.forEach(tx::delete);
            });
            puts.clear();
            deletes.clear();
        }
        return n;
    }

    private static Entry next(EntryCursor cursor) {
        return cursor.hasNext() ? cursor.next() : null;
    }
}
