package dev.strata.backend.file.internal.manifest;

import java.util.ArrayList;
import java.util.List;

import dev.strata.backend.file.internal.codec.KeyCheck;

/**
 * The store's table of contents, replaced as a whole: which segments are live (newest first), where the log
 * starts, how far segments reach, and the key check values of an encrypted store.
 *
 * @param generation     increases with every replacement
 * @param nextFileNumber the lowest file number not used yet (log and segment files share the counter)
 * @param walStart       the lowest log file number recovery must replay; older log files are obsolete
 * @param flushedSeq     every transaction up to this sequence number is in the segments
 * @param keyAlias       the encryption key alias, {@code null} for a store that never encrypted
 * @param keyChecks      one check value per key id the store has written with
 * @param segments       the live segments, newest first
 */
public record Manifest(long generation, long nextFileNumber, long walStart, long flushedSeq, String keyAlias,
        List<KeyCheck> keyChecks, List<SegmentMeta> segments) {

    public Manifest {
        keyChecks = List.copyOf(keyChecks);
        segments = List.copyOf(segments);
    }

    public static Manifest empty(String keyAlias, List<KeyCheck> keyChecks) {
        return new Manifest(1, 1, 1, 0, keyAlias, keyChecks, List.of());
    }

    /** The same content one generation on: rewriting it makes the replaced generation's obsolete files deletable. */
    public Manifest nextGeneration() {
        return new Manifest(generation + 1, nextFileNumber, walStart, flushedSeq, keyAlias, keyChecks, segments);
    }

    public Manifest withKeys(String alias, List<KeyCheck> checks) {
        return new Manifest(generation + 1, nextFileNumber, walStart, flushedSeq, alias, checks, segments);
    }

    public Manifest withLog(long newWalStart, long newNextFileNumber) {
        return new Manifest(generation + 1, Math.max(nextFileNumber, newNextFileNumber), newWalStart, flushedSeq,
                keyAlias, keyChecks, segments);
    }

    /** After a flush: the new segment is the newest, and the log before {@code newWalStart} is covered. */
    public Manifest withFlush(SegmentMeta segment, long newFlushedSeq, long newWalStart, long newNextFileNumber) {
        List<SegmentMeta> live = new ArrayList<>(segments.size() + 1);
        live.add(segment);
        live.addAll(segments);
        return new Manifest(generation + 1, Math.max(nextFileNumber, newNextFileNumber), newWalStart,
                Math.max(flushedSeq, newFlushedSeq), keyAlias, keyChecks, live);
    }

    /**
     * After a compaction: the inputs (consecutive in age) are replaced by the output in their place, or just
     * dropped when the output is {@code null} (everything in them was deleted).
     */
    public Manifest withCompaction(List<SegmentMeta> inputs, SegmentMeta output, long newNextFileNumber) {
        List<SegmentMeta> live = new ArrayList<>(segments.size());
        boolean placed = false;
        for (SegmentMeta segment : segments) {
            if (inputs.stream().anyMatch(input -> input.id() == segment.id())) {
                if (!placed && output != null) {
                    live.add(output);
                }
                placed = true;
            } else {
                live.add(segment);
            }
        }
        return new Manifest(generation + 1, Math.max(nextFileNumber, newNextFileNumber), walStart, flushedSeq,
                keyAlias, keyChecks, live);
    }

    /** Whether this manifest names the segment. */
    public boolean names(long segmentId) {
        return segments.stream().anyMatch(segment -> segment.id() == segmentId);
    }

    public long segmentBytes() {
        return segments.stream().mapToLong(SegmentMeta::bytes).sum();
    }
}
