package dev.strata.backend.file.internal.compaction;

import java.util.List;

import dev.strata.backend.file.internal.manifest.SegmentMeta;

/**
 * Which segments to merge next, in the manner of universal compaction: segments are kept newest first, and a
 * merge always takes a run of neighbours so that age order is kept.
 * <ul>
 * <li><b>space</b>: when the segments above the oldest (largest) one reach half its size, everything is merged,
 * so that overwritten and deleted data never makes the store more than about 1.5 times its live data;</li>
 * <li><b>count</b>: past {@code maxSegments}, the newest run of similar sizes is merged, so lookups stay cheap.</li>
 * </ul>
 */
public final class CompactionPolicy {

    /** Newer data may reach this fraction of the oldest segment before a full merge. */
    static final double MAX_SPACE_AMPLIFICATION = 0.5;
    /** A segment joins the newest run while it is at most this many times the run's size so far. */
    static final double SIZE_RATIO = 2.0;

    private CompactionPolicy() {
    }

    /** @param segments newest first; returns the run to merge (newest first), empty when nothing is due */
    public static List<SegmentMeta> pick(List<SegmentMeta> segments, int maxSegments) {
        int n = segments.size();
        if (n < 2) {
            return List.of();
        }
        long oldest = segments.get(n - 1).bytes();
        long newer = 0;
        for (int i = 0; i < n - 1; i++) {
            newer += segments.get(i).bytes();
        }
        if (newer >= MAX_SPACE_AMPLIFICATION * oldest) {
            return segments;
        }
        if (n <= maxSegments) {
            return List.of();
        }
        int run = 1;
        long total = segments.get(0).bytes();
        while (run < n && segments.get(run).bytes() <= SIZE_RATIO * total) {
            total += segments.get(run).bytes();
            run++;
        }
        // at least enough to get back under the limit
        run = Math.max(run, n - maxSegments + 1);
        return segments.subList(0, Math.min(run, n));
    }
}
