package dev.strata.backend.file.internal.compaction;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.read.EntryIterator;
import dev.strata.backend.file.internal.read.MergingIterator;
import dev.strata.backend.file.internal.segment.SegmentWriter;

/**
 * Merges segments into one: the newest version of each key survives. A tombstone survives too unless the merge
 * reaches the oldest segment (nothing older for it to hide) and no snapshot is old enough to need it.
 */
public final class SegmentMerger {

    private SegmentMerger() {
    }

    /**
     * @param sources        iterators of the input segments, newest first; closed here
     * @param bottom         whether the inputs include the oldest segment of the store
     * @param oldestSnapshot the oldest sequence number a reader or an open transaction may still read at
     * @param cancelled      checked as the merge goes; when it turns true the output is deleted
     * @return the output segment, or {@code null} when nothing survived (the output file is deleted)
     * @throws CancellationException when cancelled
     */
    public static SegmentMeta merge(List<? extends EntryIterator> sources, SegmentWriter output, boolean bottom,
            long oldestSnapshot, BooleanSupplier cancelled) throws IOException {
        try (output; MergingIterator merged = new MergingIterator(sources, false)) {
            long seen = 0;
            while (merged.next()) {
                if (++seen % 4096 == 0 && cancelled.getAsBoolean()) {
                    throw new CancellationException("compaction cancelled");
                }
                if (merged.isTombstone() && bottom && merged.seq() <= oldestSnapshot) {
                    continue;
                }
                output.add(merged.key(), merged.seq(), merged.value());
            }
            return output.entries() == 0 ? null : output.finish();
        }
    }
}
