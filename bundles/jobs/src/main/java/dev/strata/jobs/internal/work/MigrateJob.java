package dev.strata.jobs.internal.work;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.NotFoundException;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.MigrationTransform;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;

/**
 * Copies (or moves) the keys matching a pattern from one store to another, through an optional transform. The
 * source is read on one snapshot; each batch is one transaction in the target; a move then deletes the batch's keys
 * from the source in one transaction, each only if it still holds the copied value. Running the same request again
 * after a cancel or a crash continues it: copied keys are written again with the same value, moved ones are gone.
 */
final class MigrateJob {

    private MigrateJob() {
    }

    static JobWork plan(MigrateRequest request, JobEnvironment env) {
        Store source = env.store(request.source());
        Store target = env.store(request.target());
        MigrationTransform transform = null;
        if (!request.transform().isEmpty()) {
            transform = env.transforms().apply(request.transform()).orElseThrow(() -> new NotFoundException(
                    "no migration transform named '" + request.transform() + "' is installed (a service with "
                            + MigrationTransform.NAME_PROPERTY + "=" + request.transform() + ")"));
        }
        MigrationTransform step = transform;
        return control -> run(request, source, target, step, env, control);
    }

    private static String run(MigrateRequest request, Store source, Store target, MigrationTransform transform,
            JobEnvironment env, JobControl control) {
        long[] counts = new long[5]; // read, written, skipped, deleted, kept
        long bytes = 0;
        List<Entry> batch = new ArrayList<>();
        long batchBytes = 0;
        try (Transaction snapshot = source.begin(TransactionMode.READ_ONLY);
             EntryCursor cursor = snapshot.scan(Scan.pattern(request.pattern()))) {
            control.message("copying '" + request.pattern() + "' from '" + source.name() + "' to '" + target.name()
                    + "'");
            while (cursor.hasNext()) {
                Entry e = cursor.next();
                batch.add(e);
                batchBytes += e.key().length() + e.value().length;
                if (batch.size() >= StoreContent.BATCH || batchBytes >= env.chunkBytes()) {
                    bytes += batchBytes;
                    flush(batch, source, target, transform, request.move(), counts);
                    control.chunkDone(counts[0], bytes, batchBytes);
                    batch.clear();
                    batchBytes = 0;
                }
            }
            bytes += batchBytes;
            flush(batch, source, target, transform, request.move(), counts);
            control.progress(counts[0], bytes);
        }
        String result = (request.move() ? "moved " : "copied ") + counts[1] + " keys matching '" + request.pattern()
                + "' from '" + source.name() + "' to '" + target.name() + "'";
        if (transform != null) {
            result += " through transform '" + request.transform() + "' (" + counts[2] + " left out by it)";
        }
        if (request.move()) {
            result += "; deleted " + counts[3] + " from the source (" + counts[4] + " kept: written again meanwhile)";
        }
        control.report(result);
        return result;
    }

    private static void flush(List<Entry> batch, Store source, Store target, MigrationTransform transform,
            boolean move, long[] counts) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Entry e : batch) {
            Optional<Entry> mapped = transform == null ? Optional.of(e) : transform.apply(e);
            mapped.ifPresent(m -> out.put(m.key(), m.value()));
        }
        target.putAll(out);
        counts[0] += batch.size();
        counts[1] += out.size();
        counts[2] += batch.size() - out.size();
        if (move) {
            long[] result = source.inTransactionResult(tx -> {
                long deleted = 0;
                long kept = 0;
                for (Entry e : batch) {
                    Optional<byte[]> now = tx.get(e.key());
                    if (now.isPresent() && Arrays.equals(now.get(), e.value())) {
                        tx.delete(e.key());
                        deleted++;
                    } else {
                        kept++;
                    }
                }
                return new long[] {deleted, kept};
            });
            counts[3] += result[0];
            counts[4] += result[1];
        }
    }
}
