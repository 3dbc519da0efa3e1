package dev.strata.jobs.internal.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the newest {@code count} complete scheduled backups of a store in a directory and deletes the older ones.
 * Only finished archives count ({@code <prefix><yyyyMMdd-HHmmss-SSS>.strata-backup}: a backup still being written is
 * a {@code .partial} file and is never counted as one to keep or deleted); their names sort by creation time.
 */
public final class Retention {

    private Retention() {
    }

    /** The files that retention would delete: every complete backup but the newest {@code keep}. */
    public static List<Path> beyond(Path directory, String prefix, int keep) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> backups;
        try (Stream<Path> files = Files.list(directory)) {
            backups = new ArrayList<>(files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(ScheduledBackups.EXTENSION);
            }).sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList());
        }
        return backups.size() <= keep ? List.of() : List.copyOf(backups.subList(keep, backups.size()));
    }

    /** Deletes what {@link #beyond} names; returns the files deleted. */
    public static List<Path> apply(Path directory, String prefix, int keep) throws IOException {
        List<Path> old = beyond(directory, prefix, keep);
        for (Path file : old) {
            Files.deleteIfExists(file);
        }
        return old;
    }
}
