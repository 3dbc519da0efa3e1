package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A disk under {@link PreallocatedLog} that remembers, per log file, what a power loss would keep: the content as
 * of the file's last completed force, the writes made since (positional, in order), and whether the file's
 * directory entry was forced. Reads and writes go to the real files, so the live store works as usual. A
 * {@link #crashImage} keeps each file whose entry was forced with its forced content and, at random, pieces of
 * the unforced writes: none, all, or any subset of their 4 KiB pages (a page cache writes pages back in any
 * order), the last kept piece possibly cut at a random byte. So the images have holes in the middle of an
 * unforced write, torn end slots, and torn data under a whole slot.
 */
final class SimulatedLogStorage implements LogStorage {

    private static final int PAGE = 4096;

    private record Write(long position, byte[] bytes) {
    }

    private static final class FileState {
        byte[] forced = new byte[0];
        final List<Write> pending = new ArrayList<>();
        boolean entryForced;
    }

    private final Map<Path, FileState> files = new TreeMap<>();
    private long forces;
    private boolean dropForces;

    /** Mutation switch for the tests' own check: forces still reach the real file but keep nothing on the disk. */
    synchronized void dropForces(boolean drop) {
        dropForces = drop;
    }

    synchronized long forces() {
        return forces;
    }

    @Override
    public LogChannel open(Path file, boolean create) throws IOException {
        LogChannel real = LogStorage.FILES.open(file, create);
        Path key = file.toAbsolutePath().normalize();
        synchronized (this) {
            if (create || !files.containsKey(key)) {
                FileState state = new FileState();
                if (!create) { // a file already there when the disk was first asked for counts as forced
                    state.forced = Files.readAllBytes(file);
                    state.entryForced = true;
                }
                files.put(key, state);
            }
        }
        return new ForwardingLogChannel(real) {
            @Override
            public int write(ByteBuffer source, long position) throws IOException {
                ByteBuffer copy = source.duplicate();
                int written = super.write(source, position);
                byte[] bytes = new byte[written];
                copy.get(bytes);
                synchronized (SimulatedLogStorage.this) {
                    FileState state = files.get(key);
                    if (state != null) {
                        state.pending.add(new Write(position, bytes));
                    }
                }
                return written;
            }

            @Override
            public void force() throws IOException {
                super.force();
                synchronized (SimulatedLogStorage.this) {
                    forces++;
                    FileState state = files.get(key);
                    if (state != null && !dropForces) {
                        for (Write write : state.pending) {
                            state.forced = apply(state.forced, write.position(), write.bytes(), write.bytes().length);
                        }
                        state.pending.clear();
                    }
                }
            }

            @Override
            public void truncate(long size) throws IOException {
                super.truncate(size);
                synchronized (SimulatedLogStorage.this) {
                    FileState state = files.get(key);
                    if (state != null) { // a truncation is forced at once by the log, so keep it simple here
                        state.forced = Arrays.copyOf(state.forced, (int) Math.min(size, state.forced.length));
                        state.pending.clear();
                    }
                }
            }
        };
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        LogStorage.FILES.forceDirectory(directory);
        synchronized (this) {
            Path key = directory.toAbsolutePath().normalize();
            files.forEach((file, state) -> {
                if (file.getParent().equals(key)) {
                    state.entryForced = true;
                }
            });
        }
    }

    @Override
    public void remove(Path file, Path renamed) throws IOException {
        LogStorage.FILES.remove(file, renamed);
        synchronized (this) {
            files.remove(file.toAbsolutePath().normalize());
        }
    }

    /** Writes what a power loss now would leave of {@code directory}'s log files into {@code image}. */
    void crashImage(Path directory, Path image, Random random) throws IOException {
        Map<String, byte[]> kept = new TreeMap<>();
        synchronized (this) {
            Path key = directory.toAbsolutePath().normalize();
            int mode = random.nextInt(3); // 0: nothing unforced, 1: all of it, 2: random pages, torn
            files.forEach((file, state) -> {
                if (!file.getParent().equals(key) || !state.entryForced) {
                    return;
                }
                byte[] content = state.forced.clone();
                for (Write write : state.pending) {
                    content = mode == 0 ? content : mode == 1
                            ? apply(content, write.position(), write.bytes(), write.bytes().length)
                            : somePages(content, write, random);
                }
                kept.put(file.getFileName().toString(), content);
            });
        }
        Files.createDirectories(image);
        for (Map.Entry<String, byte[]> file : kept.entrySet()) {
            Files.write(image.resolve(file.getKey()), file.getValue());
        }
    }

    /**
     * A crash image in which every unforced write reached the disk but for the bytes of one physical page of one
     * file (the page cache wrote back all of them but that one).
     */
    void crashImageWithout(Path directory, Path image, String file, long page) throws IOException {
        Map<String, byte[]> kept = new TreeMap<>();
        synchronized (this) {
            Path key = directory.toAbsolutePath().normalize();
            files.forEach((path, state) -> {
                if (!path.getParent().equals(key) || !state.entryForced) {
                    return;
                }
                byte[] content = state.forced.clone();
                for (Write write : state.pending) {
                    content = apply(content, write.position(), write.bytes(), write.bytes().length);
                    if (path.getFileName().toString().equals(file)) {
                        long from = Math.max(page * PAGE, write.position());
                        long to = Math.min((page + 1) * PAGE, write.position() + write.bytes().length);
                        for (long at = from; at < to; at++) { // what the page held before this write
                            content[(int) at] = at < state.forced.length ? state.forced[(int) at] : 0;
                        }
                    }
                }
                kept.put(path.getFileName().toString(), content);
            });
        }
        Files.createDirectories(image);
        for (Map.Entry<String, byte[]> entry : kept.entrySet()) {
            Files.write(image.resolve(entry.getKey()), entry.getValue());
        }
    }

    private static byte[] somePages(byte[] content, Write write, Random random) {
        long end = write.position() + write.bytes().length;
        for (long page = write.position(); page < end; page = (page / PAGE + 1) * PAGE) {
            int from = (int) (page - write.position());
            int length = (int) (Math.min(end, (page / PAGE + 1) * PAGE) - page);
            int choice = random.nextInt(8);
            if (choice < 4) {
                continue; // this page never reached the disk
            }
            int keep = choice == 7 ? random.nextInt(length + 1) : length; // torn at a byte now and then
            content = apply(content, page, Arrays.copyOfRange(write.bytes(), from, from + length), keep);
        }
        return content;
    }

    private static byte[] apply(byte[] content, long position, byte[] bytes, int length) {
        int end = (int) position + length;
        // in place when it fits (the callers own the array): forces apply many small writes to one file
        byte[] result = content.length >= end ? content : Arrays.copyOf(content, end);
        System.arraycopy(bytes, 0, result, (int) position, length);
        return result;
    }
}
