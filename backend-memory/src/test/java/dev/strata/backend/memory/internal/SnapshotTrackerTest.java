package dev.strata.backend.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The oldest snapshot the tracker reports: never above an open reader's, and catching up once readers leave. */
class SnapshotTrackerTest {

    @Test
    void withoutReadersTheOldestSnapshotIsTheNewestCommitAndNoEpochIsCreated() {
        SnapshotTracker tracker = new SnapshotTracker(0);
        int stripe = tracker.stripeOfCurrentThread();
        ReaderEpoch first = tracker.enter(stripe);
        first.leave(stripe);
        for (long visible = 1; visible <= 100; visible++) {
            assertEquals(visible, tracker.oldestSnapshot(visible));
        }
        assertEquals(1, tracker.epochCount());
        assertSame(first, tracker.enter(stripe), "an empty epoch is reused with a raised floor");
    }

    @Test
    void anOpenReaderHoldsTheOldestSnapshotUntilItLeaves() {
        SnapshotTracker tracker = new SnapshotTracker(0);
        assertEquals(5, tracker.oldestSnapshot(5));
        int stripe = tracker.stripeOfCurrentThread();
        ReaderEpoch reader = tracker.enter(stripe); // reads snapshot 5
        assertEquals(5, tracker.oldestSnapshot(6));
        assertEquals(5, tracker.oldestSnapshot(9)); // the newer epoch is empty: its floor rises to 9
        ReaderEpoch later = tracker.enter(stripe); // joins the newer epoch, reads snapshot 9
        assertNotSame(reader, later, "the reader's epoch was retired");
        assertTrue(reader.retired);
        assertEquals(5, tracker.oldestSnapshot(12));
        reader.leave(stripe);
        assertEquals(9, tracker.oldestSnapshot(12), "bounded by the epoch the later reader joined at 9");
        later.leave(stripe);
        assertEquals(12, tracker.oldestSnapshot(12));
        assertEquals(1, tracker.epochCount());
    }

    @Test
    void aRetiredEpochSendsNewReadersToTheCurrentOne() {
        SnapshotTracker tracker = new SnapshotTracker(0);
        int stripe = tracker.stripeOfCurrentThread();
        ReaderEpoch holder = tracker.enter(stripe);
        tracker.oldestSnapshot(3);
        ReaderEpoch next = tracker.enter(stripe);
        assertNotSame(holder, next);
        assertTrue(!next.retired);
        holder.leave(stripe);
        next.leave(stripe);
    }
}
