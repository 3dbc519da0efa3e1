package dev.strata.management.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.LogLevel;

class LogSinkTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

    private LogSink sink(LogLevel level, long alreadyWritten) {
        RotatingLogFile file = new RotatingLogFile(directory.resolve("strata.log"), 1 << 20, 1);
        return new LogSink(file, new LogLineFormatter(ZoneOffset.UTC), console, level, alreadyWritten);
    }

    private static LogLine line(long sequence, LogLevel level, String message) {
        return new LogLine(sequence, 0, level, "b", message, null);
    }

    private String fileText() throws IOException {
        return Files.readString(directory.resolve("strata.log"));
    }

    private String consoleText() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsAndWorseAlsoGoToTheConsole() throws IOException {
        LogSink sink = sink(LogLevel.DEBUG, 0);
        sink.replay(List.of());
        sink.write(line(1, LogLevel.INFO, "info"));
        sink.write(line(2, LogLevel.WARN, "warn"));
        sink.write(line(3, LogLevel.ERROR, "error"));
        sink.write(line(4, LogLevel.AUDIT, "audit"));
        sink.write(line(5, LogLevel.DEBUG, "debug"));
        assertEquals(5, fileText().lines().count());
        assertEquals(List.of("warn", "error", "audit"),
                consoleText().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
    }

    @Test
    void entriesBelowTheLevelAreDropped() throws IOException {
        LogSink sink = sink(LogLevel.INFO, 0);
        sink.replay(List.of(line(1, LogLevel.DEBUG, "debug"), line(2, LogLevel.INFO, "info")));
        sink.level(LogLevel.ERROR);
        sink.write(line(3, LogLevel.WARN, "warn"));
        assertEquals(List.of("info"), fileText().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
    }

    @Test
    void liveEntriesWaitForTheBacklogAndNothingIsWrittenTwice() throws IOException {
        LogSink sink = sink(LogLevel.INFO, 0);
        sink.write(line(3, LogLevel.INFO, "three")); // arrived live while the backlog was still being read
        sink.write(line(4, LogLevel.INFO, "four"));
        assertEquals(false, Files.exists(directory.resolve("strata.log")), "nothing written before the replay");
        sink.replay(List.of(line(3, LogLevel.INFO, "three"), line(2, LogLevel.INFO, "two"), line(1, LogLevel.INFO, "one")));
        sink.write(line(4, LogLevel.INFO, "four")); // a late duplicate
        sink.write(line(5, LogLevel.INFO, "five"));
        assertEquals(List.of("one", "two", "three", "four", "five"),
                fileText().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
        assertEquals(5, sink.lastSequence());
    }

    @Test
    void whatAnEarlierWriterWroteIsSkipped() throws IOException {
        LogSink sink = sink(LogLevel.INFO, 2);
        sink.replay(List.of(line(1, LogLevel.INFO, "one"), line(2, LogLevel.INFO, "two"), line(3, LogLevel.INFO, "three")));
        assertEquals(List.of("three"), fileText().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedOnceOnTheConsole() throws IOException {
        Files.createDirectories(directory.resolve("strata.log")); // a folder where the file should be
        LogSink sink = sink(LogLevel.INFO, 0);
        sink.replay(List.of(line(1, LogLevel.INFO, "one"), line(2, LogLevel.INFO, "two")));
        String console = consoleText();
        assertTrue(console.startsWith("strata: cannot write the log file"), console);
        assertEquals(1, console.lines().count(), console);
    }
}
