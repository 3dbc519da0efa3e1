package dev.strata.management.internal.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Remembers, across restarts of the log writer within one framework run, the last entry it wrote, so that the
 * backlog replayed at the next start does not repeat it. Sequence numbers restart with the framework, so the marker
 * holds the framework's UUID and counts only when it matches.
 */
final class DeliveryMarker {

    private DeliveryMarker() {
    }

    /** The last written sequence number recorded for this framework run, or 0. */
    static long load(Path file, String frameworkId) {
        if (file == null || frameworkId == null || !Files.isRegularFile(file)) {
            return 0;
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            return parts.length == 2 && parts[0].equals(frameworkId) ? Long.parseLong(parts[1]) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // a lost marker only means a few entries are written twice
        }
    }

    static void save(Path file, String frameworkId, long sequence) {
        if (file == null || frameworkId == null) {
            return;
        }
        try {
            Files.writeString(file, frameworkId + " " + sequence, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // as above: the cost of a lost marker is a few repeated lines, not worth failing the deactivation
        }
    }
}
