package dev.strata.management.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @TempDir
    Path directory;

    private Path log() {
        return directory.resolve("log").resolve("strata.log");
    }

    private String read(String name) throws IOException {
        return Files.readString(directory.resolve("log").resolve(name));
    }

    @Test
    void appendsAndCreatesTheFolder() throws IOException {
        try (RotatingLogFile file = new RotatingLogFile(log(), 1000, 5)) {
            file.append("one\n");
            file.append("two\n");
        }
        assertEquals("one\ntwo\n", read("strata.log"));
    }

    @Test
    void rollsOverBeforeAnEntryWouldPassTheLimitAndKeepsTheNewestFiles() throws IOException {
        try (RotatingLogFile file = new RotatingLogFile(log(), 10, 2)) {
            for (String entry : new String[] {"aaaa\n", "bbbb\n", "cccc\n", "dddd\n", "eeee\n", "ffff\n", "gggg\n"}) {
                file.append(entry); // two 5-byte entries fill one 10-byte file
            }
        }
        assertEquals("gggg\n", read("strata.log"));
        assertEquals("eeee\nffff\n", read("strata.log.1"));
        assertEquals("cccc\ndddd\n", read("strata.log.2"));
        assertFalse(Files.exists(log().resolveSibling("strata.log.3")), "only two rotated files are kept");
    }

    @Test
    void anEntryLargerThanTheLimitGetsAFileOfItsOwn() throws IOException {
        try (RotatingLogFile file = new RotatingLogFile(log(), 10, 5)) {
            file.append("small\n");
            file.append("a much longer entry\n");
            file.append("next\n");
        }
        assertEquals("small\n", read("strata.log.2"));
        assertEquals("a much longer entry\n", read("strata.log.1"));
        assertEquals("next\n", read("strata.log"));
    }

    @Test
    void keepingNoFilesStartsOver() throws IOException {
        try (RotatingLogFile file = new RotatingLogFile(log(), 10, 0)) {
            file.append("first\n");
            file.append("second\n");
        }
        assertEquals("second\n", read("strata.log"));
        assertFalse(Files.exists(log().resolveSibling("strata.log.1")));
    }

    @Test
    void aReopenedFileCountsWhatItAlreadyHolds() throws IOException {
        try (RotatingLogFile file = new RotatingLogFile(log(), 13, 1)) {
            file.append("before\n"); // 7 bytes
        }
        try (RotatingLogFile file = new RotatingLogFile(log(), 13, 1)) {
            file.append("after\n"); // 7 + 6 = 13: still fits
            file.append("later\n"); // would be 19: rolls over
        }
        assertEquals("before\nafter\n", read("strata.log.1"));
        assertEquals("later\n", read("strata.log"));
    }
}
