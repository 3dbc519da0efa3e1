package dev.strata.management.internal.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Turns a log entry into lines of text:
 *
 * <pre>
 * 2026-03-01 14:02:11.042 WARN  [dev.strata.core] store 'files' is read-only: fsync failed
 * java.io.IOException: No space left on device
 *     at ...
 * Caused by: ...
 * </pre>
 *
 * Local time, because the person reading the file compares it with their clock; the level padded so messages line
 * up.
 */
final class LogLineFormatter {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final ZoneId zone;

    LogLineFormatter(ZoneId zone) {
        this.zone = zone;
    }

    /** The entry as text, ending with a line break. */
    String format(LogLine line) {
        StringBuilder out = new StringBuilder(128)
                .append(TIMESTAMP.format(Instant.ofEpochMilli(line.time()).atZone(zone)))
                .append(' ').append(String.format("%-5s", line.level()))
                .append(" [").append(line.bundle()).append("] ")
                .append(line.message() == null ? "" : line.message())
                .append('\n');
        if (line.error() != null) {
            appendTrace(out, line.error(), "", Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return out.toString();
    }

    /** The usual Java trace layout, written out here so the text goes to the file and nowhere else. */
    private static void appendTrace(StringBuilder out, Throwable error, String caption, Set<Throwable> seen) {
        if (!seen.add(error)) {
            out.append(caption).append("[circular reference: ").append(error).append("]\n");
            return;
        }
        out.append(caption).append(error).append('\n');
        for (StackTraceElement frame : error.getStackTrace()) {
            out.append("\tat ").append(frame).append('\n');
        }
        for (Throwable suppressed : error.getSuppressed()) {
            appendTrace(out, suppressed, "Suppressed: ", seen);
        }
        if (error.getCause() != null) {
            appendTrace(out, error.getCause(), "Caused by: ", seen);
        }
    }
}
