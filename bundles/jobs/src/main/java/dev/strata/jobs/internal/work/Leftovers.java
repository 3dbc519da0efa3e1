package dev.strata.jobs.internal.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.strata.api.management.JobInfo;
import dev.strata.jobs.internal.archive.ArchiveWriter;

/** What an interrupted job may leave on disk, found through the output line it reports when it starts. */
final class Leftovers {

    static final String OUTPUT = "output: ";

    private Leftovers() {
    }

    /** Deletes the temporary file of an archive that never completed (its final name never existed). */
    static void remove(JobInfo job) {
        for (String line : job.report()) {
            if (line.startsWith(OUTPUT)) {
                try {
                    Files.deleteIfExists(ArchiveWriter.partialOf(Path.of(line.substring(OUTPUT.length()))));
                } catch (IOException | RuntimeException e) {
                    // an unreadable leftover stays; verify reports it incomplete and it is never listed as a result
                }
            }
        }
    }
}
