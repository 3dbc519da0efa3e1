package dev.strata.backend.file.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.strata.backend.file.internal.io.ChannelFactory;

/**
 * A simulated power loss for one store directory. The engine works on real files (they play the page cache); this
 * layer remembers, per file, which writes a force made durable, and which directory entries a directory force
 * made durable. At the crash point it freezes what a disk would still hold after the power went: each name the
 * last directory force saw, with the content the file had at its last force; everything after the crash fails
 * with an I/O error, as a dead disk would. Optionally the newest unforced write is torn (a random prefix of it
 * reached the disk), and optionally directory changes since the last directory force persist each on its own
 * (file systems do not promise any order for them). Forces are simulated, not passed on, so a crash test costs
 * no real fsync.
 * <p>
 * Files are told apart by their inode (a rename keeps it), so renames and deletes need not go through the
 * engine's {@link ChannelFactory}: whatever API the engine uses, the directory is read as the file system sees it.
 * The channels it hands out ({@link PowerLossChannel}) record each write and force as an event of this disk.
 */
final class PowerLossFiles implements ChannelFactory {

    private final Path root;
    private final Random random;
    /** Guards everything here and in the channels: the disk's state changes one event at a time. */
    final Object lock = new Object();
    private final Map<Object, SimulatedFile> byInode = new HashMap<>();
    private Map<String, SimulatedFile> durableNames = new HashMap<>();
    private long events;
    private long directoryForces;
    private long crashAt = Long.MAX_VALUE;
    private long crashAtDirectoryForce = Long.MAX_VALUE;
    private long crowdedDirectoryForces;
    private long crashAtCrowdedDirectoryForce = Long.MAX_VALUE;
    /** At the crash, in-flight new names are lost and the other in-flight changes kept. */
    private boolean dropNewNames;
    private long writeCounter;
    private boolean tearLastWrite;
    private boolean unorderedDirectory;
    private Map<String, byte[]> image;
    /** What the crash did, for a failure message. */
    private String crashNote = "no crash yet";

    PowerLossFiles(Path root, Random random) {
        this.root = root.toAbsolutePath().normalize();
        this.random = random;
    }

    /** The {@code n}th write, truncate, force or directory force (from 1) finds the power gone. */
    PowerLossFiles crashAt(long n, boolean tear, boolean unordered) {
        synchronized (lock) {
            this.crashAt = n;
            this.tearLastWrite = tear;
            this.unorderedDirectory = unordered;
        }
        return this;
    }

    /**
     * The {@code n}th directory force (from 1) finds the power gone: the moments around renames and file creations,
     * where directory entries are still in flight, are few among all events.
     */
    PowerLossFiles crashAtDirectoryForce(long n, boolean tear, boolean unordered) {
        synchronized (lock) {
            this.crashAtDirectoryForce = n;
            this.tearLastWrite = tear;
            this.unorderedDirectory = unordered;
        }
        return this;
    }

    /**
     * The {@code n}th crowded directory force (from 1) finds the power gone: one that would make two or more
     * directory changes durable at once, one of them a new name. Those are the moments where a missing earlier directory force shows (a
     * flush's or compaction's segment created, then the manifest replaced, under one force), and the crash keeps
     * the changes in the order that hurts most: the new names are lost, the replacements and deletions kept (a
     * file system promises no order among them).
     */
    PowerLossFiles crashAtCrowdedDirectoryForce(long n, boolean tear) {
        synchronized (lock) {
            this.crashAtCrowdedDirectoryForce = n;
            this.tearLastWrite = tear;
            this.dropNewNames = true;
        }
        return this;
    }

    /** Cuts the power now, if it has not gone yet. */
    void powerOff() {
        synchronized (lock) {
            if (image == null) {
                capture();
            }
        }
    }

    boolean crashed() {
        synchronized (lock) {
            return image != null;
        }
    }

    long events() {
        synchronized (lock) {
            return events;
        }
    }

    String crashNote() {
        synchronized (lock) {
            return crashNote;
        }
    }

    /** Writes what the disk held after the crash into an empty directory. */
    void materialize(Path target) throws IOException {
        Map<String, byte[]> files;
        synchronized (lock) {
            if (image == null) {
                throw new IllegalStateException("the power is still on");
            }
            files = image;
        }
        Files.createDirectories(target);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(target.resolve(file.getKey()), file.getValue());
        }
    }

    /** The order of the next write, truncate or open with truncation, for tearing the newest one; under the lock. */
    long nextWriteOrder() {
        return ++writeCounter;
    }

    /** One more event: the crash happens now if it is due; after it, every event fails. Under the lock. */
    void event() throws IOException {
        if (image == null && ++events >= crashAt) {
            capture();
        }
        if (image != null) {
            throw new IOException("Input/output error (simulated power loss)");
        }
    }

    /** Freezes the disk's state; the caller holds the lock. */
    private void capture() {
        Map<String, SimulatedFile> names = new TreeMap<>(durableNames);
        StringBuilder note = new StringBuilder("crash at event " + events);
        if (dropNewNames) {
            Map<String, SimulatedFile> live = liveNames();
            for (Map.Entry<String, SimulatedFile> entry : live.entrySet()) {
                SimulatedFile durable = durableNames.get(entry.getKey());
                if (durable != null && durable != entry.getValue()) {
                    names.put(entry.getKey(), entry.getValue());
                    note.append(", unforced replacement kept: ").append(entry.getKey());
                }
            }
            for (String name : durableNames.keySet()) {
                if (!live.containsKey(name)) {
                    names.remove(name);
                    note.append(", unforced deletion kept: ").append(name);
                }
            }
            live.keySet().stream().filter(name -> !durableNames.containsKey(name))
                    .forEach(name -> note.append(", unforced new name lost: ").append(name));
        } else if (unorderedDirectory) {
            Map<String, SimulatedFile> live = liveNames();
            Set<String> all = new java.util.TreeSet<>(live.keySet());
            all.addAll(durableNames.keySet());
            for (String name : all) {
                if (live.get(name) != durableNames.get(name) && random.nextBoolean()) {
                    note.append(", unforced entry kept: ").append(name).append(live.containsKey(name) ? "" : " (deleted)");
                    if (live.containsKey(name)) {
                        names.put(name, live.get(name));
                    } else {
                        names.remove(name);
                    }
                }
            }
        }
        Map<String, byte[]> files = new TreeMap<>();
        SimulatedFile torn = null;
        SimulatedFile.Op tornWrite = null;
        if (tearLastWrite) {
            for (SimulatedFile node : names.values()) {
                for (SimulatedFile.Op op : node.pending) {
                    if (op.bytes() != null && (tornWrite == null || op.order() > tornWrite.order())) {
                        torn = node;
                        tornWrite = op;
                    }
                }
            }
        }
        for (Map.Entry<String, SimulatedFile> name : names.entrySet()) {
            SimulatedFile node = name.getValue();
            byte[] content = Arrays.copyOf(node.durable, (int) node.durableLength);
            if (node == torn && tornWrite.bytes().length > 1) {
                int kept = 1 + random.nextInt(tornWrite.bytes().length - 1);
                SimulatedFile copy = new SimulatedFile();
                copy.durable = content;
                copy.durableLength = content.length;
                copy.apply(new SimulatedFile.Op(tornWrite.position(), Arrays.copyOf(tornWrite.bytes(), kept), -1, 0));
                content = Arrays.copyOf(copy.durable, (int) copy.durableLength);
                note.append(", tore the last write to ").append(name.getKey()).append(" at ")
                        .append(tornWrite.position()).append(" after ").append(kept).append(" of ")
                        .append(tornWrite.bytes().length).append(" bytes");
            }
            files.put(name.getKey(), content);
        }
        image = files;
        crashNote = note.append(", files ").append(files.keySet()).toString();
    }

    /**
     * Whether this directory force would make two or more names durable (created, replaced or deleted), one of
     * them new: a file created earlier whose own directory force is missing. Under the lock.
     */
    private boolean crowdedWithNewName() {
        Map<String, SimulatedFile> live = liveNames();
        int changes = 0;
        boolean newName = false;
        for (Map.Entry<String, SimulatedFile> entry : live.entrySet()) {
            SimulatedFile durable = durableNames.get(entry.getKey());
            changes += durable != entry.getValue() ? 1 : 0;
            newName |= durable == null;
        }
        for (String name : durableNames.keySet()) {
            changes += live.containsKey(name) ? 0 : 1;
        }
        return newName && changes >= 2;
    }

    /** The directory as the file system shows it now; the caller holds the lock. */
    private Map<String, SimulatedFile> liveNames() {
        Map<String, SimulatedFile> live = new HashMap<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(file)) {
                        live.put(file.getFileName().toString(), byInode.computeIfAbsent(inode(file), k -> new SimulatedFile()));
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // deleted while listed: the listing is a moment's view either way
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return live;
    }

    private static Object inode(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private boolean tracked(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return root.equals(absolute.getParent());
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        if (!tracked(path) || Files.isDirectory(path)) {
            return FileChannel.open(path, options);
        }
        List<OpenOption> list = Arrays.asList(options);
        boolean writes = list.contains(StandardOpenOption.WRITE) || list.contains(StandardOpenOption.APPEND);
        synchronized (lock) {
            if (writes && image != null) {
                throw new IOException("Input/output error (simulated power loss)");
            }
            boolean existed = Files.exists(path);
            FileChannel channel = FileChannel.open(path, options);
            Object key = inode(path);
            SimulatedFile node;
            if (!existed) {
                node = new SimulatedFile();
                byInode.put(key, node);
            } else {
                node = byInode.computeIfAbsent(key, k -> SimulatedFile.durableFrom(path));
                if (list.contains(StandardOpenOption.TRUNCATE_EXISTING) && writes) {
                    node.pending.add(new SimulatedFile.Op(0, null, 0, nextWriteOrder()));
                }
            }
            return new PowerLossChannel(channel, node, this);
        }
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        if (!root.equals(directory.toAbsolutePath().normalize())) {
            ChannelFactory.DEFAULT.forceDirectory(directory);
            return;
        }
        synchronized (lock) {
            if (image == null && ++directoryForces >= crashAtDirectoryForce) {
                capture();
            }
            if (image == null && crashAtCrowdedDirectoryForce != Long.MAX_VALUE && crowdedWithNewName()
                    && ++crowdedDirectoryForces >= crashAtCrowdedDirectoryForce) {
                capture();
                crashNote = "at crowded directory force " + crowdedDirectoryForces + ": " + crashNote;
            }
            event();
            durableNames = liveNames();
        }
    }
}
