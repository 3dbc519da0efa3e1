package dev.strata.jobs.internal.work;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyPattern;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.archive.ArchiveWriter;

/**
 * Moves keys to the cold tier: writes the selected entries of one snapshot into an indexed archive file (durable and
 * renamed into place), catalogues it, then deletes the keys from the live store one chunk per transaction, each
 * only if it still holds the archived value. Until the file is durable nothing is deleted; a cancel before that
 * leaves no file; a cancel during deletion leaves the rest of the keys in both places (the live value wins).
 */
final class ColdArchiveJob {

    static final String EXTENSION = ".strata-archive";

    private ColdArchiveJob() {
    }

    static JobWork plan(ArchiveRequest request, JobEnvironment env) {
        Store store = env.store(request.store());
        Compressor codec = env.codecs().compressor(env.compression(request.compression()));
        Sealing sealing = Sealing.resolve(env.codecs(), request.keyAlias(), false);
        env.systemStore().get().orElseThrow(() -> new dev.strata.api.StoreUnavailableException(
                "the system store that holds the archive catalog is not available"));
        Path directory = (request.destination().isEmpty() ? env.archiveDirectory() : Path.of(request.destination()))
                .resolve(store.name());
        Scan selection = new Scan(null, request.from().isEmpty() ? null : request.from(),
                request.to().isEmpty() ? null : request.to(), KeyPattern.compile(request.pattern()), false, 0);
        return control -> run(store, selection, directory.resolve(control.jobId() + EXTENSION), codec, sealing, env,
                control);
    }

    private static String run(Store store, Scan selection, Path file, Compressor codec, Sealing sealing,
            JobEnvironment env, JobControl control) {
        control.report(Leftovers.OUTPUT + file);
        ArchiveWriter.Written written;
        try (Transaction snapshot = store.begin(TransactionMode.READ_ONLY);
             EntryCursor cursor = snapshot.scan(selection);
             ArchiveWriter writer = ArchiveWriter.create(file, "cold", codec, sealing.cipher(), sealing.key(),
                     env.chunkBytes())) {
            long createdAt = System.currentTimeMillis();
            long last = 0;
            while (cursor.hasNext()) {
                Entry e = cursor.next();
                if (writer.add(e.key(), e.value())) {
                    control.chunkDone(writer.keys(), writer.bytes(), writer.bytes() - last);
                    last = writer.bytes();
                }
            }
            control.checkCancelled();
            written = writer.finish(store.name(), store.info().backend(), createdAt, Snapshots.sequence(snapshot),
                    Map.of("selection", String.valueOf(selection)));
        }
        new ArchiveCatalog(env).add(store.name(), written.manifest(), written.file());
        control.message("deleting archived keys from '" + store.name() + "'");
        long[] counts = new long[2];
        try (ArchiveReader reader = ArchiveReader.open(written.file(), env.codecs())) {
            reader.readAll((chunk, entries, read) -> {
                long[] r = store.inTransactionResult(tx -> deleteUnchanged(tx, entries));
                counts[0] += r[0];
                counts[1] += r[1];
                control.checkCancelled();
            });
        }
        String result = "archived " + written.manifest().keys() + " keys of '" + store.name() + "' into "
                + written.file() + "; deleted " + counts[0] + " from the live store (" + counts[1]
                + " kept: changed since)";
        control.report(result);
        return result;
    }

    private static long[] deleteUnchanged(Transaction tx, Iterable<Entry> entries) {
        long deleted = 0;
        long kept = 0;
        for (Entry e : entries) {
            Optional<byte[]> now = tx.get(e.key());
            if (now.isPresent() && Arrays.equals(now.get(), e.value())) {
                tx.delete(e.key());
                deleted++;
            } else {
                kept++;
            }
        }
        return new long[] {deleted, kept};
    }
}
