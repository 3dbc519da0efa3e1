package dev.strata.management.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryMarkerTest {

    @TempDir
    Path directory;

    @Test
    void theMarkerCountsOnlyForTheSameFrameworkRun() {
        Path file = directory.resolve("marker");
        assertEquals(0, DeliveryMarker.load(file, "run-1"), "no marker yet");
        DeliveryMarker.save(file, "run-1", 42);
        assertEquals(42, DeliveryMarker.load(file, "run-1"));
        assertEquals(0, DeliveryMarker.load(file, "run-2"), "sequence numbers restart with the framework");
    }

    @Test
    void aDamagedOrMissingMarkerMeansStartFromScratch() throws IOException {
        Path file = directory.resolve("marker");
        Files.writeString(file, "run-1 not-a-number");
        assertEquals(0, DeliveryMarker.load(file, "run-1"));
        assertEquals(0, DeliveryMarker.load(null, "run-1"));
        assertEquals(0, DeliveryMarker.load(file, null));
    }
}
