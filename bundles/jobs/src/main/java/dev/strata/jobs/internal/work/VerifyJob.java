package dev.strata.jobs.internal.work;

import java.nio.file.Path;
import java.time.Instant;

import dev.strata.api.management.VerifyRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;
import dev.strata.jobs.internal.archive.ArchiveManifest;
import dev.strata.jobs.internal.archive.ArchiveReader;

/** Verifies an archive without restoring it. Header, key and trailer are checked at submission. */
final class VerifyJob {

    private VerifyJob() {
    }

    static JobWork plan(VerifyRequest request, JobEnvironment env) {
        Path file = Path.of(request.file());
        try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
            reader.manifest();
        }
        return control -> verify(file, env, control);
    }

    static String verify(Path file, JobEnvironment env, JobControl control) {
        try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
            ArchiveManifest expected = reader.manifest();
            control.totals(expected.keys(), expected.bytes());
            long[] done = new long[2];
            ArchiveManifest m = reader.readAll((chunk, entries, read) -> {
                long bytes = entries.stream().mapToLong(e -> e.key().length() + e.value().length).sum();
                done[0] += entries.size();
                done[1] += bytes;
                control.chunkDone(done[0], done[1], bytes);
            });
            control.report("manifest: kind=" + m.kind() + " store=" + m.store() + " engine=" + m.engine()
                    + " created=" + Instant.ofEpochMilli(m.createdAt()) + " snapshotSequence=" + m.snapshotSequence()
                    + " encrypted=" + reader.header().encrypted());
            return "ok: " + file + " (" + m.kind() + " of '" + m.store() + "' on " + m.engine() + "): " + m.keys()
                    + " keys, " + m.bytes() + " bytes, " + m.chunks().size() + " chunks, " + m.digest();
        }
    }
}
