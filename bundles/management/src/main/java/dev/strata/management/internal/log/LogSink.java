package dev.strata.management.internal.log;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.service.log.LogLevel;

/**
 * Where log entries go: every entry at or above the configured level to the log file, and those at
 * {@link LogLevel#WARN} or above also to the console, so that an operator watching the terminal sees trouble.
 * <p>
 * It starts out buffering: the writer subscribes to new entries first and then replays the backlog the Log Service
 * kept from before, and entries must not be lost or written twice in between. Live entries wait until
 * {@link #replay} has written the backlog; sequence numbers then drop what both delivered.
 */
final class LogSink {

    private final RotatingLogFile file;
    private final LogLineFormatter formatter;
    private final PrintStream console;
    private final List<LogLine> pending = new ArrayList<>();
    private LogLevel level;
    private boolean buffering = true;
    private long lastSequence;
    private boolean fileFailing;

    /**
     * @param alreadyWritten the highest sequence number written by an earlier writer in this framework run (0: none)
     */
    LogSink(RotatingLogFile file, LogLineFormatter formatter, PrintStream console, LogLevel level, long alreadyWritten) {
        this.file = file;
        this.formatter = formatter;
        this.console = console;
        this.level = level;
        this.lastSequence = alreadyWritten;
    }

    synchronized void level(LogLevel newLevel) {
        this.level = newLevel;
    }

    /** The highest sequence number seen so far. */
    synchronized long lastSequence() {
        return lastSequence;
    }

    /** A live entry. */
    synchronized void write(LogLine line) {
        if (buffering) {
            pending.add(line);
        } else {
            writeOnce(line);
        }
    }

    /** Writes the backlog (in any order), then what arrived meanwhile, and stops buffering. */
    synchronized void replay(List<LogLine> backlog) {
        List<LogLine> ordered = new ArrayList<>(backlog);
        ordered.addAll(pending);
        ordered.sort(Comparator.comparingLong(LogLine::sequence));
        pending.clear();
        buffering = false;
        for (LogLine line : ordered) {
            writeOnce(line);
        }
    }

    private void writeOnce(LogLine line) {
        if (line.sequence() <= lastSequence) {
            return; // written already: delivered both live and in the backlog, or by an earlier writer
        }
        lastSequence = line.sequence();
        if (!line.atLeast(level)) {
            return;
        }
        String text = formatter.format(line);
        try {
            file.append(text);
            fileFailing = false;
        } catch (IOException e) {
            if (!fileFailing) { // once per streak of failures, not once per entry
                console.print("strata: cannot write the log file " + file.numbered(0) + ": " + e + "\n");
                fileFailing = true;
            }
        }
        if (line.atLeast(LogLevel.WARN)) {
            console.print(text);
            console.flush();
        }
    }
}
