package dev.strata.management.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

class LogLineFormatterTest {

    private static final long NOON = LocalDateTime.of(2026, 3, 1, 12, 0, 5, 42_000_000).toInstant(ZoneOffset.UTC).toEpochMilli();

    private final LogLineFormatter formatter = new LogLineFormatter(ZoneOffset.UTC);

    @Test
    void oneLineHasTimestampLevelBundleAndMessage() {
        assertEquals("2026-03-01 12:00:05.042 INFO  [dev.strata.core] store 'default' is online\n",
                formatter.format(new LogLine(1, NOON, LogLevel.INFO, "dev.strata.core", "store 'default' is online", null)));
        assertEquals("2026-03-01 12:00:05.042 ERROR [-] \n",
                formatter.format(new LogLine(2, NOON, LogLevel.ERROR, "-", null, null)));
    }

    @Test
    void theTimestampIsInTheGivenZone() {
        String text = new LogLineFormatter(ZoneOffset.ofHours(2)).format(new LogLine(1, NOON, LogLevel.WARN, "b", "m", null));
        assertTrue(text.startsWith("2026-03-01 14:00:05.042 WARN  [b] m"), text);
    }

    @Test
    void exceptionsComeWithTheirTraceCausesAndSuppressed() {
        IOException cause = new IOException("No space left on device");
        IllegalStateException error = new IllegalStateException("commit failed", cause);
        error.addSuppressed(new RuntimeException("cleanup failed"));
        String text = formatter.format(new LogLine(1, NOON, LogLevel.ERROR, "dev.strata.backend-file", "fsync failed", error));
        String[] lines = text.split("\n");
        assertEquals("2026-03-01 12:00:05.042 ERROR [dev.strata.backend-file] fsync failed", lines[0]);
        assertEquals("java.lang.IllegalStateException: commit failed", lines[1]);
        assertTrue(lines[2].startsWith("\tat " + getClass().getName()), lines[2]);
        assertTrue(text.contains("\nSuppressed: java.lang.RuntimeException: cleanup failed\n"), text);
        assertTrue(text.contains("\nCaused by: java.io.IOException: No space left on device\n"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void aCircularCauseChainEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        String text = formatter.format(new LogLine(1, NOON, LogLevel.ERROR, "b", "loop", first));
        assertTrue(text.contains("Caused by: [circular reference: java.lang.RuntimeException: first]"), text);
    }
}
