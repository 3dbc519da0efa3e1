package dev.strata.crypto.internal.cipher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.CRC32;

import dev.strata.api.CorruptionException;
import dev.strata.api.StorageException;
import dev.strata.crypto.internal.AtomicFiles;

/**
 * 96-bit nonces that do not repeat, across restarts and across processes: a 32-bit random prefix chosen when the
 * sequence opens, followed by a 64-bit counter.
 * <p>
 * The counter alone guarantees uniqueness among every sequence that shares a state file: a sequence reserves
 * counter ranges ({@link #DEFAULT_RESERVATION} at a time) by advancing the high-water mark in the state file under a
 * file lock before handing any of them out, so a restart (or crash) resumes above everything ever handed out, and
 * two sequences open at once get disjoint ranges. The random prefix covers what the file cannot see: a state file
 * restored from a backup, deleted, or a keystore copied to another machine with its own state; colliding there needs
 * the same 32-bit prefix and overlapping counters.
 * <p>
 * State file: 16 bytes, magic {@code SNON}, the reserved limit (big-endian long), CRC-32 of the first 12 bytes.
 */
public final class NonceSequence {

    /** Counter values reserved per write of the state file. */
    public static final long DEFAULT_RESERVATION = 1L << 20;

    private static final int MAGIC = 0x534E4F4E; // "SNON"
    private static final int STATE_LENGTH = 16;
    /** One lock object per state file in this JVM: a file lock cannot be taken twice by one process. */
    private static final ConcurrentMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path stateFile;
    private final long reservation;
    private final int prefix;
    private long next;  // guarded by this
    private long limit; // guarded by this

    private NonceSequence(Path stateFile, long reservation, int prefix) {
        this.stateFile = stateFile;
        this.reservation = reservation;
        this.prefix = prefix;
    }

    /** Opens a sequence on {@code stateFile} (created when absent) and reserves its first range. */
    public static NonceSequence open(Path stateFile) {
        return open(stateFile, DEFAULT_RESERVATION, new SecureRandom());
    }

    /** For tests: a small reservation exercises the range boundaries; a seeded random fixes the prefix. */
    static NonceSequence open(Path stateFile, long reservation, Random random) {
        if (reservation <= 0) {
            throw new IllegalArgumentException("reservation must be positive");
        }
        NonceSequence sequence = new NonceSequence(stateFile.toAbsolutePath().normalize(), reservation,
                random.nextInt());
        synchronized (sequence) {
            sequence.reserve();
        }
        return sequence;
    }

    /** Opens the sequence of an algorithm's nonces, kept in {@code folder}. */
    public static NonceSequence open(Path folder, AeadAlgorithm algorithm) {
        return open(folder.resolve("nonces-" + algorithm.serviceName().toLowerCase(Locale.ROOT) + ".state"));
    }

    /** The next nonce: prefix (4 bytes) then counter (8 bytes), big-endian. */
    public synchronized byte[] next() {
        if (next == limit) {
            reserve();
        }
        return ByteBuffer.allocate(AeadAlgorithm.NONCE_LENGTH).putInt(prefix).putLong(next++).array();
    }

    private void reserve() {
        Object jvmLock = JVM_LOCKS.computeIfAbsent(stateFile, file -> new Object());
        synchronized (jvmLock) {
            try {
                Files.createDirectories(stateFile.getParent());
                Path lockFile = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    long start = readLimit();
                    long end = start + reservation;
                    if (end < start) {
                        throw new StorageException("nonce counter in " + stateFile + " is exhausted; rotate the key "
                                + "and start a new state file");
                    }
                    AtomicFiles.replace(stateFile, encode(end));
                    next = start;
                    limit = end;
                }
            } catch (IOException e) {
                throw new StorageException("cannot reserve nonces in " + stateFile
                        + "; refusing to encrypt without a guarantee of unique nonces", e);
            }
        }
    }

    private long readLimit() throws IOException {
        byte[] state;
        try {
            state = Files.readAllBytes(stateFile);
        } catch (NoSuchFileException absent) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(state);
        if (state.length != STATE_LENGTH || buffer.getInt(0) != MAGIC || buffer.getInt(12) != crc(state)) {
            throw new CorruptionException("nonce state is damaged; encryption stops rather than guess. Deleting "
                    + "the file restarts the counter, leaving only the random prefix to keep nonces apart", stateFile.toString(), 0);
        }
        long reserved = buffer.getLong(4);
        if (reserved < 0) {
            throw new CorruptionException("nonce state holds a negative counter", stateFile.toString(), 4);
        }
        return reserved;
    }

    private static byte[] encode(long reservedLimit) {
        byte[] state = ByteBuffer.allocate(STATE_LENGTH).putInt(MAGIC).putLong(reservedLimit).array();
        ByteBuffer.wrap(state).putInt(12, crc(state));
        return state;
    }

    private static int crc(byte[] state) {
        CRC32 crc = new CRC32();
        crc.update(state, 0, 12);
        return (int) crc.getValue();
    }
}
