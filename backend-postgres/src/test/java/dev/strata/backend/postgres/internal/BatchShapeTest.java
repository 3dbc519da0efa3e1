package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The choice follows the recent batches: overwrites switch it to reading first, new keys switch it back. */
class BatchShapeTest {

    private static List<byte[]> batch(int present, int absent) {
        byte[][] current = new byte[present + absent][];
        Arrays.fill(current, 0, present, new byte[] {1});
        return Arrays.asList(current);
    }

    @Test
    void followsWhatTheRecentBatchesFound() {
        BatchShape shape = new BatchShape();
        assertFalse(shape.mostlyPresent(), "a new store inserts first: its first batches are new keys");
        shape.observe(batch(1000, 0));
        shape.observe(batch(1000, 0));
        assertFalse(shape.mostlyPresent(), "two overwrite batches are not a trend yet");
        shape.observe(batch(1000, 0));
        assertTrue(shape.mostlyPresent(), "three are");
        shape.observe(batch(100, 900));
        shape.observe(batch(0, 1000));
        assertFalse(shape.mostlyPresent(), "new keys again: back to inserting first");
        shape.observe(List.of());
        assertFalse(shape.mostlyPresent(), "an empty batch says nothing");
    }
}
