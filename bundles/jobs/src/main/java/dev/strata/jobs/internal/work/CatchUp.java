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
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.archive.ContentDigest;
import dev.strata.jobs.internal.archive.KeyRecord;

/**
 * Catches a migration's target up with a source that kept changing while it was copied, without a change feed: each
 * round walks a fresh snapshot of the source and the target side by side (both in key order), writes what differs
 * (a value, an expiry or tags) and deletes from the target what the source no longer holds. A round that changes
 * nothing proves the target equal to that source snapshot (its commit sequence and digest go in the evidence). Writers that never pause keep
 * it from converging: after {@value #MAX_ROUNDS} rounds the job fails and says so.
 */
final class CatchUp {

    static final int MAX_ROUNDS = 10;

    private CatchUp() {
    }

    static String run(Store source, Store target, String pattern, JobControl control, LongSupplier clock) {
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
                digest = walk(new Sides(s, t, a, b), target, changes, control, clock);
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

    /** The two snapshots and their cursors. */
    private record Sides(Transaction source, Transaction target, EntryCursor a, EntryCursor b) {
    }

    private static String walk(Sides sides, Store target, long[] changes, JobControl control, LongSupplier clock) {
        ContentDigest digest = new ContentDigest();
        List<KeyRecord> puts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        KeyRecord x = nextRecord(sides.source(), sides.a());
        Entry y = next(sides.b());
        while (x != null || y != null) {
            int order = x == null ? 1 : y == null ? -1 : KeyOrder.compare(x.key(), y.key());
            if (order < 0 || order == 0 && !(Arrays.equals(x.value(), y.value()) && sameMetadata(x, sides))) {
                puts.add(x);
            } else if (order > 0) {
                deletes.add(y.key());
            }
            if (order <= 0) {
                digest.update(x.key().getBytes(StandardCharsets.UTF_8), x.value());
                x = nextRecord(sides.source(), sides.a());
            }
            if (order >= 0) {
                y = next(sides.b());
            }
            if (puts.size() + deletes.size() >= StoreContent.BATCH) {
                changes[0] += apply(target, puts, deletes, clock);
                control.checkCancelled();
            }
        }
        changes[0] += apply(target, puts, deletes, clock);
        return digest.finish();
    }

    private static long apply(Store target, List<KeyRecord> puts, List<String> deletes, LongSupplier clock) {
        long n = puts.size() + deletes.size();
        if (n > 0) {
            long now = clock.getAsLong();
            target.inTransaction(tx -> {
                puts.forEach(r -> Records.put(tx, r, now));
                deletes.forEach(tx::delete);
            });
            puts.clear();
            deletes.clear();
        }
        return n;
    }

    /** The next source key with its metadata; one that expired after the scan returned it is passed over. */
    private static KeyRecord nextRecord(Transaction snapshot, EntryCursor cursor) {
        while (cursor.hasNext()) {
            Optional<KeyRecord> r = Records.read(snapshot, cursor, cursor.next());
            if (r.isPresent()) {
                return r.get();
            }
        }
        return null;
    }

    /** Whether the target key the cursor just returned has the source key's expiry and tags. */
    private static boolean sameMetadata(KeyRecord x, Sides sides) {
        Optional<KeyMetadata> t = Records.metadata(sides.target(), sides.b(), x.key());
        return t.isPresent() && x.sameMetadata(Records.expiresAt(t.get()), t.get().tags());
    }

    private static Entry next(EntryCursor cursor) {
        return cursor.hasNext() ? cursor.next() : null;
    }
}
