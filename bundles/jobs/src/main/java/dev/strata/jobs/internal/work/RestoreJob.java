package dev.strata.jobs.internal.work;

import java.nio.file.Path;

import dev.strata.api.Store;
import dev.strata.api.management.RestoreRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;
import dev.strata.jobs.internal.archive.ArchiveManifest;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.archive.KeyRecord;

/**
 * Restores an archive into a store on any engine. Before the first write: the header, the key (refused when wrong),
 * and a full verification pass over every chunk, the manifest and the digest. Then one transaction per chunk, each key
 * with its archived expiry and tags, keys that have expired since the backup left out; a cancel or failure removes
 * what was written (the target was empty, or emptied under the overwrite flag). At the end {@link RestoreProof}
 * walks the archive beside one snapshot of the target: every key that has not expired is there with its value,
 * expiry and tags, and nothing else.
 */
final class RestoreJob {

    private RestoreJob() {
    }

    static JobWork plan(RestoreRequest request, JobEnvironment env) {
        Store target = env.store(request.store());
        Path file = env.archiveFile(request.file());
        try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
            reader.manifest();
        }
        refuseNonEmpty(target, request.overwrite());
        return control -> {
            RestoreProof.Proof restored = restore(file, target, request.overwrite(), env, control);
            return "restored " + restored.keys() + " keys into '" + target.name() + "' (" + target.info().backend()
                    + "); " + (restored.expired() == 0 ? "digest " + restored.digest() + " equals the archive's"
                    : "every key equals the archive's except " + restored.expired() + " that had expired (digest "
                    + restored.digest() + ")") + "; expiry and tags kept";
        };
    }

    /** Restores and proves the result; also the body of a backup's test restore. */
    static RestoreProof.Proof restore(Path file, Store target, boolean overwrite, JobEnvironment env,
            JobControl control) {
        long drift = 0;
        try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
            ArchiveManifest expected = reader.manifest();
            control.totals(expected.keys(), expected.bytes());
            control.message("verifying the archive before writing");
            reader.readAll((chunk, entries, read) -> control.checkCancelled());
            refuseNonEmpty(target, overwrite);
            if (overwrite) {
                control.message("emptying '" + target.name() + "' (overwrite)");
                StoreContent.clear(target);
            }
            control.message("writing into '" + target.name() + "'");
            long[] done = new long[3]; // keys, bytes, the longest batch in ms
            try {
                reader.readAll((chunk, entries, read) -> {
                    long bytes = 0;
                    for (KeyRecord r : entries) {
                        bytes += r.key().length() + r.value().length;
                    }
                    long before = env.now();
                    target.inTransaction(tx -> entries.forEach(r -> Records.put(tx, r, before)));
                    done[2] = Math.max(done[2], env.now() - before);
                    done[0] += entries.size();
                    done[1] += bytes;
                    control.chunkDone(done[0], done[1], bytes);
                });
            } catch (RuntimeException e) {
                control.message("removing what was written");
                StoreContent.clear(target);
                throw e;
            }
            drift = done[2];
        }
        control.message("reading the restored store back");
        RestoreProof.Proof proof = RestoreProof.check(file, target, env, drift);
        control.report(proof.line());
        return proof;
    }

    private static void refuseNonEmpty(Store target, boolean overwrite) {
        if (!overwrite && !StoreContent.isEmpty(target)) {
            throw new TargetNotEmptyException("target store '" + target.name() + "' is not empty; restore into an "
                    + "empty store, or pass overwrite to replace its content");
        }
    }
}
