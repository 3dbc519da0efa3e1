package dev.strata.jobs.internal.work;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyPattern;
import dev.strata.api.NotFoundException;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.MigrationTransform;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;
import dev.strata.jobs.internal.archive.KeyRecord;

/**
 * Copies (or moves) the keys matching a pattern from one store to another, through an optional transform, each with
 * its expiry and tags (a key that has expired is not copied). The source is read on one snapshot; each batch is one
 * transaction in the target; a move then deletes the batch's keys from the source in one transaction, each only if
 * it still holds the copied value. After each batch the run's position (the last key done, in the system store,
 * {@link ArchiveRuns#migration}) moves past it: the same request submitted again after a cancel, a failure or a
 * crash continues after that key, on a fresh snapshot, and says so ("resumed at key ..."); a completed run removes
 * the position. Without a system store a run starts over (copying again is idempotent; moved keys are gone).
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
        Optional<ArchiveRuns> runs = env.systemStore().get().map(system -> ArchiveRuns.migration(system,
                source.name(), request.target() + " " + request.pattern() + " move=" + request.move()
                        + " transform=" + request.transform()));
        return control -> run(request, source, target, step, env, runs, control);
    }

    private static String run(MigrateRequest request, Store source, Store target, MigrationTransform transform,
            JobEnvironment env, Optional<ArchiveRuns> runs, JobControl control) {
        long[] counts = new long[6]; // read, written, left out, deleted, kept, expired
        Optional<ArchiveRuns.Position> before = runs.flatMap(ArchiveRuns::position);
        String resumed = "";
        Scan scan = Scan.pattern(request.pattern());
        if (before.isPresent()) {
            ArchiveRuns.Position p = before.get();
            scan = new Scan(null, p.lastKey(), null, KeyPattern.compile(request.pattern()), false, 0);
            resumed = "resumed at key '" + p.lastKey() + "' after job " + p.jobId() + ": " + p.keys()
                    + " keys already done; ";
            control.report(resumed.substring(0, resumed.length() - 2));
        }
        long bytes = 0;
        long doneBefore = before.map(ArchiveRuns.Position::keys).orElse(0L);
        List<KeyRecord> batch = new ArrayList<>();
        long batchBytes = 0;
        String skip = before.map(ArchiveRuns.Position::lastKey).orElse(null);
        try (Transaction snapshot = source.begin(TransactionMode.READ_ONLY);
             EntryCursor cursor = snapshot.scan(scan)) {
            control.message("copying '" + request.pattern() + "' from '" + source.name() + "' to '" + target.name()
                    + "'");
            while (cursor.hasNext()) {
                Entry e = cursor.next();
                if (e.key().equals(skip)) {
                    continue; // done by the run this one resumes
                }
                Optional<KeyRecord> record = Records.read(snapshot, cursor, e);
                if (record.isEmpty()) {
                    counts[5]++;
                    continue;
                }
                batch.add(record.get());
                batchBytes += e.key().length() + e.value().length;
                if (batch.size() >= StoreContent.BATCH || batchBytes >= env.chunkBytes()) {
                    bytes += batchBytes;
                    flush(batch, source, target, transform, request.move(), counts, env);
                    record(runs, control, batch, doneBefore + counts[0]);
                    control.chunkDone(counts[0], bytes, batchBytes);
                    batch.clear();
                    batchBytes = 0;
                }
            }
            bytes += batchBytes;
            flush(batch, source, target, transform, request.move(), counts, env);
            record(runs, control, batch, doneBefore + counts[0]);
            control.progress(counts[0], bytes);
        }
        String result = resumed + (request.move() ? "moved " : "copied ") + counts[1] + " keys matching '"
                + request.pattern() + "' from '" + source.name() + "' to '" + target.name() + "' with their expiry "
                + "and tags";
        if (counts[5] > 0) {
            result += " (" + counts[5] + " expired meanwhile: not copied)";
        }
        if (transform != null) {
            result += " through transform '" + request.transform() + "' (" + counts[2] + " left out by it)";
        }
        if (request.move()) {
            result += "; deleted " + counts[3] + " from the source (" + counts[4] + " kept: written again meanwhile)";
        }
        control.report(result);
        if (request.sync()) {
            result += "; " + CatchUp.run(source, target, request.pattern(), control, env::now);
        }
        runs.ifPresent(ArchiveRuns::finished);
        return result;
    }

    private static void record(Optional<ArchiveRuns> runs, JobControl control, List<KeyRecord> batch, long done) {
        if (!batch.isEmpty()) {
            runs.ifPresent(r -> r.record(new ArchiveRuns.Position(control.jobId(), "", batch.get(batch.size() - 1)
                    .key(), done, 0)));
        }
    }

    private static void flush(List<KeyRecord> batch, Store source, Store target, MigrationTransform transform,
            boolean move, long[] counts, JobEnvironment env) {
        if (batch.isEmpty()) {
            return;
        }
        List<KeyRecord> out = new ArrayList<>(batch.size());
        for (KeyRecord r : batch) {
            Optional<Entry> mapped = transform == null ? Optional.of(r.entry()) : transform.apply(r.entry());
            // a renamed key keeps the metadata of the key it came from
            mapped.ifPresent(m -> out.add(new KeyRecord(m.key(), m.value(), r.expiresAt(), r.tags())));
        }
        long now = env.now();
        long written = target.inTransactionResult(tx -> out.stream().filter(r -> Records.put(tx, r, now)).count());
        counts[0] += batch.size();
        counts[1] += written;
        counts[2] += batch.size() - out.size();
        counts[5] += out.size() - written;
        if (move) {
            long[] result = source.inTransactionResult(tx -> {
                long deleted = 0;
                long kept = 0;
                for (KeyRecord e : batch) {
                    Optional<byte[]> current = tx.get(e.key());
                    if (current.isPresent() && Arrays.equals(current.get(), e.value())) {
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
