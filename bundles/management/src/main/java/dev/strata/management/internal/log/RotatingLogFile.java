package dev.strata.management.internal.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that rolls over by size: when the next entry would take {@code strata.log} past the limit, it becomes
 * {@code strata.log.1}, the older ones move up one number, the one past {@code keep} is deleted, and a new file
 * starts. An entry is never split across files, so an entry larger than the limit gets a file of its own.
 * Thread-safe; each entry is flushed so that {@code tail -f} shows it at once.
 */
final class RotatingLogFile implements AutoCloseable {

    private final Path file;
    private long maxBytes;
    private int keep;
    private OutputStream out;
    private long size;

    /**
     * @param maxBytes the size at which the file rolls over (at least 1)
     * @param keep     how many rolled-over files to keep (0: none, the file simply starts over)
     */
    RotatingLogFile(Path file, long maxBytes, int keep) {
        this.file = file;
        limits(maxBytes, keep);
    }

    /** Changes the limits; they apply from the next entry on. */
    synchronized void limits(long newMaxBytes, int newKeep) {
        this.maxBytes = Math.max(1, newMaxBytes);
        this.keep = Math.max(0, newKeep);
    }

    synchronized void append(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (out == null) {
            open();
        }
        if (size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        if (keep == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(numbered(keep));
            for (int n = keep - 1; n >= 1; n--) {
                if (Files.exists(numbered(n))) {
                    Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    /** {@code strata.log.n}; {@code n = 0} is the current file itself. */
    Path numbered(int n) {
        return n == 0 ? file : file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
