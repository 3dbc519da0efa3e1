package dev.strata.backend.file.internal.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.strata.backend.file.internal.manifest.SegmentMeta;

import org.junit.jupiter.api.Test;

/** The policy merges everything when newer data reaches half the oldest, and the newest run past the count. */
class CompactionPolicyTest {

    private static List<SegmentMeta> sizes(long... bytes) {
        List<SegmentMeta> segments = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            segments.add(new SegmentMeta(100 - i, bytes[i], 1, 1, 1));
        }
        return segments;
    }

    @Test
    void spaceAmplificationTriggersAFullMerge() {
        assertEquals(List.of(), CompactionPolicy.pick(sizes(1000), 8));
        assertEquals(List.of(), CompactionPolicy.pick(sizes(100, 100, 1000), 8), "newer is 20% of the oldest");
        assertEquals(3, CompactionPolicy.pick(sizes(300, 200, 1000), 8).size(), "newer is 50% of the oldest");
    }

    @Test
    void tooManySegmentsMergeTheNewestRun() {
        List<SegmentMeta> many = sizes(10, 10, 10, 10, 40, 40, 40, 40, 40, 10_000);
        List<SegmentMeta> run = CompactionPolicy.pick(many, 8);
        assertEquals(many.subList(0, run.size()), run, "a run of the newest");
        assertTrue(run.size() >= 3, "enough to get back under the limit");
    }
}
