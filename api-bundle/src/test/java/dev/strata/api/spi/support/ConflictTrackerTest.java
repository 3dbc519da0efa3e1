package dev.strata.api.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strata.api.ConflictException;
import dev.strata.api.spi.KeyRange;

class ConflictTrackerTest {

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ReadSet readKeys(String... keys) {
        ReadSet reads = new ReadSet();
        for (String k : keys) {
            reads.recordKey(key(k));
        }
        return reads;
    }

    private static ReadSet readRange(String lower, String upper) {
        ReadSet reads = new ReadSet();
        reads.recordRange(new KeyRange(lower == null ? null : key(lower), upper == null ? null : key(upper)));
        return reads;
    }

    @Test
    void aWriteAfterTheSnapshotConflictsAndOneAtOrBeforeItDoesNot() {
        ConflictTracker tracker = new ConflictTracker("t");
        tracker.recordCommit(List.of(key("a")), 5);
        tracker.checkWrites(List.of(key("a")), 5);
        tracker.checkWrites(List.of(key("b")), 4);
        ConflictException e = assertThrows(ConflictException.class, () -> tracker.checkWrites(List.of(key("a")), 4));
        assertTrue(e.getMessage().contains("commit 5"), e.getMessage());
    }

    @Test
    void aLaterWriteToAKeyIsSeenAfterTheEarlierCommitIsForgotten() {
        ConflictTracker tracker = new ConflictTracker("t");
        tracker.recordCommit(List.of(key("a"), key("b")), 1);
        tracker.checkWrites(List.of(key("a")), 1); // a checker that saw commit 1
        tracker.recordCommit(List.of(key("a")), 2);
        tracker.forgetUpTo(1);
        assertEquals(2, tracker.lastWrite(key("a")));
        assertEquals(-1, tracker.lastWrite(key("b")));
        assertEquals(1, tracker.trackedKeys());
        assertThrows(ConflictException.class, () -> tracker.checkWrites(List.of(key("a")), 1));
        assertThrows(ConflictException.class, () -> tracker.checkReads(readKeys("a"), 1));
        tracker.forgetUpTo(2);
        assertEquals(0, tracker.trackedKeys());
    }

    @Test
    void readsOfKeysConflictWithWritesAfterTheSnapshot() {
        ConflictTracker tracker = new ConflictTracker("t");
        tracker.recordCommit(List.of(key("m")), 3);
        tracker.checkReads(readKeys("m"), 3);
        tracker.checkReads(readKeys("n"), 2);
        assertThrows(ConflictException.class, () -> tracker.checkReads(readKeys("l", "m"), 2));
    }

    @Test
    void aScannedRangeConflictsWithAnyKeyWrittenInsideItAfterTheSnapshot() {
        ConflictTracker tracker = new ConflictTracker("t");
        tracker.recordCommit(List.of(key("b")), 1);
        tracker.recordCommit(List.of(key("d"), key("f")), 2);
        tracker.recordCommit(List.of(key("d")), 3);
        // bounds: lower inclusive, upper exclusive
        tracker.checkReads(readRange("e", "f"), 1);
        tracker.checkReads(readRange("a", "b"), 0);
        tracker.checkReads(readRange("b", "c"), 1); // b's write is not after snapshot 1
        assertThrows(ConflictException.class, () -> tracker.checkReads(readRange("b", "c"), 0));
        assertThrows(ConflictException.class, () -> tracker.checkReads(readRange("f", "g"), 1));
        assertThrows(ConflictException.class, () -> tracker.checkReads(readRange("d", "e"), 2));
        ConflictException e = assertThrows(ConflictException.class, () -> tracker.checkReads(readRange("c", null), 1));
        assertTrue(e.getMessage().contains("commit 3 wrote key"), "the first key in range, its last write: "
                + e.getMessage());
        assertThrows(ConflictException.class, () -> tracker.checkReads(readRange(null, "e"), 2));
        tracker.checkReads(readRange(null, null), 3);
    }

    @Test
    void aRangeFromAKeyWrittenSeveralTimesStartsAtThatKey() {
        ConflictTracker tracker = new ConflictTracker("t");
        for (long seq = 1; seq <= 5; seq++) {
            tracker.recordCommit(List.of(key("k")), seq);
        }
        assertThrows(ConflictException.class, () -> tracker.checkReads(readRange("k", "l"), 0));
        tracker.checkReads(readRange("ka", null), 0);
    }

    @Test
    void sequencesMustGrow() {
        ConflictTracker tracker = new ConflictTracker("t");
        tracker.recordCommit(List.of(key("a")), 2);
        assertThrows(IllegalArgumentException.class, () -> tracker.recordCommit(List.of(key("b")), 2));
    }

    @Test
    void recordedKeysAreCopies() {
        ConflictTracker tracker = new ConflictTracker("t");
        byte[] k = key("a");
        tracker.recordCommit(List.of(k), 1);
        k[0] = 'z';
        assertEquals(1, tracker.lastWrite(key("a")));
        assertEquals(-1, tracker.lastWrite(key("z")));
    }
}
