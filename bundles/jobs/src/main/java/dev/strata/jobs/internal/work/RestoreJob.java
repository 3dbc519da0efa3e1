package dev.strata.jobs.internal.work;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.management.RestoreRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;
import dev.strata.jobs.internal.archive.ArchiveManifest;
import dev.strata.jobs.internal.archive.ArchiveReader;

/**
 * Restores an archive into a store on any engine. Before the first write: the header, the key (refused when wrong),
 * and a full verification pass over every chunk, the manifest and the digest. Then one transaction per chunk; a
 * cancel or failure removes what was written (the target was empty, or emptied under the overwrite flag). At the
 * end the target's digest, read back from one snapshot, must equal the manifest's.
 */
final class RestoreJob {

    private RestoreJob() {
    }

    static JobWork plan(RestoreRequest request, JobEnvironment env) {
        Store target = env.store(request.store());
        Path file = Path.of(request.file());
        try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
            reader.manifest();
        }
        refuseNonEmpty(target, request.overwrite());
        return control -> {
            StoreContent.Summary restored = restore(file, target, request.overwrite(), env, control);
            return "restored " + restored.keys() + " keys into '" + target.name() + "' (" + target.info().backend()
                    + "); digest " + restored.digest() + " equals the archive's";
        };
    }

    /** Restores and proves the result; also the body of a backup's test restore. */
    static StoreContent.Summary restore(Path file, Store target, boolean overwrite, JobEnvironment env,
            JobControl control) {
        ArchiveManifest manifest;
        try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
            ArchiveManifest expected = reader.manifest();
            control.totals(expected.keys(), expected.bytes());
            control.message("verifying the archive before writing");
            manifest = reader.readAll((chunk, entries, read) -> control.checkCancelled());
            refuseNonEmpty(target, overwrite);
            if (overwrite) {
                control.message("emptying '" + target.name() + "' (overwrite)");
                StoreContent.clear(target);
            }
            control.message("writing into '" + target.name() + "'");
            long[] done = new long[2];
            try {
                reader.readAll((chunk, entries, read) -> {
                    Map<String, byte[]> batch = new LinkedHashMap<>();
                    long bytes = 0;
                    for (Entry e : entries) {
                        batch.put(e.key(), e.value());
                        bytes += e.key().length() + e.value().length;
                    }
                    target.putAll(batch);
                    done[0] += entries.size();
                    done[1] += bytes;
                    control.chunkDone(done[0], done[1], bytes);
                });
            } catch (RuntimeException e) {
                control.message("removing what was written");
                StoreContent.clear(target);
                throw e;
            }
        }
        control.message("reading the restored store back");
        StoreContent.Summary restored = StoreContent.summarize(target, null, env.chunkBytes());
        String line = "restored digest " + restored.digest() + " (" + restored.keys() + " keys) vs manifest "
                + manifest.digest() + " (" + manifest.keys() + " keys)";
        control.report(line);
        if (!restored.digest().equals(manifest.digest())) {
            throw new StorageException("restored store '" + target.name() + "' does not match the archive: "
                    + line + " (was it written to while restoring?)");
        }
        return restored;
    }

    private static void refuseNonEmpty(Store target, boolean overwrite) {
        if (!overwrite && !StoreContent.isEmpty(target)) {
            throw new TargetNotEmptyException("target store '" + target.name() + "' is not empty; restore into an "
                    + "empty store, or pass overwrite to replace its content");
        }
    }
}
