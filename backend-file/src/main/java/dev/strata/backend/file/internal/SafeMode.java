package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.strata.api.CorruptionException;
import dev.strata.backend.file.internal.manifest.Manifest;
import dev.strata.backend.file.internal.manifest.ManifestStore;
import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.wal.WalFormat;

/**
 * Where a store opens from when its manifest is damaged or missing: the previous generation
 * ({@code MANIFEST.prev}, whose files are kept until the next replacement), or, when that is unusable too, the
 * segment files found in the directory. Either way the store opens read-only and the damage is reported; it never
 * refuses to start and never writes over what an operator may need to repair it.
 */
final class SafeMode {

    private SafeMode() {
    }

    /**
     * A manifest naming every segment file whose footer is readable, newest first (a compaction's output has a
     * higher number than its inputs, so it shadows them); the log is not replayed (walStart past every file):
     * without a manifest nothing says which records the segments already hold.
     */
    static Manifest fromSegmentFiles(Path directory) throws IOException {
        List<SegmentMeta> segments = new ArrayList<>();
        long highest = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                long number = Math.max(WalFormat.numberOf(name), WalFormat.segmentNumberOf(name));
                highest = Math.max(highest, number);
                long id = WalFormat.segmentNumberOf(name);
                SegmentMeta meta = id < 0 ? null : SegmentReader.describe(file, id);
                if (meta != null) {
                    segments.add(meta);
                }
            }
        }
        segments.sort(Comparator.comparingLong(SegmentMeta::id).reversed());
        long flushed = segments.stream().mapToLong(SegmentMeta::maxSeq).max().orElse(0);
        return new Manifest(0, highest + 1, Long.MAX_VALUE, flushed, null, List.of(), segments);
    }

    /** The damage, with what safe mode opened instead. */
    static CorruptionException describe(CorruptionException damage, boolean fromPrevious) {
        String opened = fromPrevious
                ? "; opened read-only from the previous manifest generation (" + ManifestStore.PREVIOUS_NAME + ")"
                : "; no usable previous generation (" + ManifestStore.PREVIOUS_NAME + "): opened read-only from the"
                        + " segment files found, the log not replayed";
        String file = damage.file().orElse(null);
        String message = damage.getMessage();
        String suffix = file == null ? "" : damage.offset() >= 0 ? " (" + file + " at offset " + damage.offset() + ")"
                : " (" + file + ")";
        if (!suffix.isEmpty() && message.endsWith(suffix)) {
            message = message.substring(0, message.length() - suffix.length()); // the constructor adds it again
        }
        return new CorruptionException(message + opened, file, damage.offset());
    }
}
