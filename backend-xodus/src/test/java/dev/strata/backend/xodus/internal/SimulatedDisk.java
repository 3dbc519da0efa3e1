package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jetbrains.exodus.log.LogUtil;

/**
 * What a disk would still hold after a power loss, for one Xodus store directory: per log file, the bytes written
 * (as {@link PowerLossProvider}'s writer passed them on), the bytes a force covered, and whether the file's
 * directory entry was forced. Forces arrive from two places: Xodus's own ({@code DataWriter.sync()} of the file it
 * writes, {@code syncDirectory()} after it creates one) and the engine's group force, which forces files by path
 * ({@link #forcedByPath}, as an fsync of a file covers what every descriptor wrote to it). A {@link #crashImage}
 * keeps only forced bytes of files whose entry was forced, and at random a torn piece of the unforced rest.
 */
final class SimulatedDisk {

    private static final Map<String, SimulatedDisk> BY_LOCATION = new ConcurrentHashMap<>();

    private static final class FileState {
        long written;
        long forced;
        boolean entryForced;
    }

    private final Path directory;
    /** By file name; guarded by this. */
    private final Map<String, FileState> files = new TreeMap<>();
    private String current;
    private long forcesByPath;
    private long xodusSyncs;
    private long directorySyncs;

    private SimulatedDisk(Path directory) {
        this.directory = directory;
    }

    /** The disk of a store directory; files already there when it is first asked for count as forced. */
    static SimulatedDisk of(Path directory) {
        return BY_LOCATION.computeIfAbsent(directory.toAbsolutePath().normalize().toString(), location -> {
            SimulatedDisk disk = new SimulatedDisk(Path.of(location));
            disk.adoptExistingFiles();
            return disk;
        });
    }

    static SimulatedDisk of(String location) {
        return of(Path.of(location));
    }

    private void adoptExistingFiles() {
        try (Stream<Path> existing = Files.exists(directory) ? Files.list(directory) : Stream.empty()) {
            existing.filter(file -> file.toString().endsWith(LogUtil.LOG_FILE_EXTENSION)).forEach(file -> {
                FileState state = new FileState();
                state.written = state.forced = file.toFile().length();
                state.entryForced = true;
                files.put(file.getFileName().toString(), state);
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    synchronized void blockOpened(long address, long length) {
        current = LogUtil.getLogFilename(address);
        FileState state = files.computeIfAbsent(current, name -> new FileState());
        state.written = Math.max(state.written, length);
    }

    synchronized void written(int length) {
        files.get(current).written += length;
    }

    /** Xodus's {@code DataWriter.sync()}: the file it writes now. */
    synchronized void synced() {
        xodusSyncs++;
        if (current != null) {
            FileState state = files.get(current);
            state.forced = state.written;
        }
    }

    /** Xodus's {@code DataWriter.syncDirectory()}: every file's entry is on disk now. */
    synchronized void directorySynced() {
        directorySyncs++;
        files.values().forEach(state -> state.entryForced = true);
    }

    synchronized void removed(long address) {
        files.remove(LogUtil.getLogFilename(address));
    }

    synchronized void truncated(long address, long length) {
        FileState state = files.get(LogUtil.getLogFilename(address));
        if (state != null) {
            state.written = Math.min(state.written, length);
            state.forced = Math.min(state.forced, length);
        }
    }

    /** The engine's force of one log file (its {@link LogForce}): what was written to it is on disk now. */
    synchronized void forcedByPath(Path file) {
        forcesByPath++;
        FileState state = files.get(file.getFileName().toString());
        if (state != null) {
            state.forced = state.written;
        }
    }

    synchronized String counts() {
        return forcesByPath + " engine forces, " + xodusSyncs + " Xodus syncs, " + directorySyncs
                + " directory syncs";
    }

    /**
     * Writes what a power loss now would leave into {@code image}: each log file whose directory entry was forced,
     * cut to its forced length, or (when {@code tear}) to a random length between that and what was written.
     */
    void crashImage(Path image, Random random, boolean tear) throws IOException {
        Map<String, Long> keep = new TreeMap<>();
        synchronized (this) {
            files.forEach((name, state) -> {
                if (state.entryForced) {
                    long unforced = state.written - state.forced;
                    keep.put(name, state.forced + (tear && unforced > 0 ? (long) (random.nextDouble() * unforced) : 0));
                }
            });
        }
        Files.createDirectories(image);
        for (Map.Entry<String, Long> file : keep.entrySet()) {
            copyPrefix(directory.resolve(file.getKey()), image.resolve(file.getKey()), file.getValue());
        }
    }

    private static void copyPrefix(Path from, Path to, long bytes) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            byte[] buffer = new byte[1 << 16];
            long left = bytes;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException(from + " is shorter than the " + bytes + " bytes written to it");
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }
}
