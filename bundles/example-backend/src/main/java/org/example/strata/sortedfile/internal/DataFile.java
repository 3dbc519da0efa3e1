package org.example.strata.sortedfile.internal;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import dev.strata.api.CorruptionException;
import dev.strata.api.StorageException;
import dev.strata.api.spi.ByteKeys;

/**
 * The whole store in one file, {@code data.bin}:
 *
 * <pre>
 * magic    4 bytes  "SFX1"
 * version  int      2
 * sequence long     the commit sequence of the state the file holds (format 2 and later)
 * count    int      number of entries
 * entries  count x (key length int, key bytes, value length int, value bytes), ascending key order
 * crc32c   int      CRC-32C of every byte before it
 * </pre>
 *
 * Format 1 had no sequence (stores restarted their commit numbering at 0 on every open). A format-1 file is still
 * read, as sequence 0, and the next write turns it into format 2; a file of a format newer than this code knows is
 * refused with a {@link CorruptionException} saying so, never guessed at.
 *
 * Integers are big-endian. A new file is written beside the old one ({@code data.bin.tmp}) and renamed over it
 * atomically, so a crash leaves either the old or the new file, never half of one. The checksum catches what the
 * rename cannot: a disk or copy that damaged the bytes later.
 */
final class DataFile {

    static final String NAME = "data.bin";
    static final String TEMP_NAME = NAME + ".tmp";

    private static final int MAGIC = 0x53465831; // "SFX1"
    private static final int FORMAT_VERSION = 2;
    /** The first format, read for upgrade only: no sequence in the header. */
    private static final int FORMAT_WITHOUT_SEQUENCE = 1;
    private static final int HEADER_BYTES = 12;
    private static final int CHECKSUM_BYTES = 4;

    /** What a data file holds: the entries, and the commit sequence of that state. */
    record Contents(long sequence, NavigableMap<byte[], byte[]> entries) {
    }

    private DataFile() {
    }

    /**
     * Reads the file; an absent file is an empty store.
     *
     * @throws CorruptionException naming the file (and the offset where parsing failed) when the file is damaged
     */
    static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents(0, new TreeMap<>(ByteKeys.ORDER));
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
            throw new CorruptionException("file is too short to be a data file", file.toString(), 0);
        }
        int body = bytes.length - CHECKSUM_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, body);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(body) != (int) crc.getValue()) {
            throw new CorruptionException("checksum mismatch", file.toString(), body);
        }
        if (in.getInt() != MAGIC) {
            throw new CorruptionException("not a data file (bad magic number)", file.toString(), 0);
        }
        int format = in.getInt();
        if (format != FORMAT_VERSION && format != FORMAT_WITHOUT_SEQUENCE) {
            throw new CorruptionException("data file of format " + format + "; this version of the backend reads "
                    + "formats " + FORMAT_WITHOUT_SEQUENCE + " and " + FORMAT_VERSION + " only", file.toString(), 4);
        }
        in.limit(body);
        long sequence = 0;
        if (format == FORMAT_VERSION) {
            if (in.remaining() < Long.BYTES + Integer.BYTES) {
                throw new CorruptionException("file is too short for a format-2 header", file.toString(), 8);
            }
            sequence = in.getLong();
            if (sequence < 0) {
                throw new CorruptionException("negative commit sequence " + sequence, file.toString(), 8);
            }
        }
        return new Contents(sequence, parseEntries(in, file));
    }

    /** The checksum was right, so a parse failure here means a writer bug; still report it as corruption. */
    private static NavigableMap<byte[], byte[]> parseEntries(ByteBuffer in, Path file) {
        NavigableMap<byte[], byte[]> entries = new TreeMap<>(ByteKeys.ORDER);
        int count = in.getInt();
        int offset = in.position();
        try {
            for (int i = 0; i < count; i++) {
                offset = in.position();
                byte[] key = new byte[in.getInt()];
                in.get(key);
                byte[] value = new byte[in.getInt()];
                in.get(value);
                entries.put(ByteKeys.checkKey(key), value);
            }
        } catch (BufferUnderflowException | NegativeArraySizeException | StorageException e) {
            throw new CorruptionException("malformed entry", file.toString(), offset, e);
        }
        if (in.hasRemaining() || entries.size() != count) {
            throw new CorruptionException("entry count does not match the file", file.toString(), in.position());
        }
        return entries;
    }

    /**
     * Replaces the file in {@code directory} with the entries, as the state of commit {@code sequence}.
     *
     * @param force whether to force the new file and the directory to the device before returning (durability
     *              FSYNC); without it the bytes are handed to the operating system only
     * @throws IOException when any step fails; the old file is then still in place
     */
    static void write(Path directory, long sequence, Map<byte[], byte[]> entries, boolean force) throws IOException {
        Path temp = directory.resolve(TEMP_NAME);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            // Not closed on purpose: closing the stream would close the channel before force().
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), crc));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(sequence);
            out.writeInt(entries.size());
            for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
                out.writeInt(entry.getKey().length);
                out.write(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
            out.writeInt((int) crc.getValue()); // the value before these four bytes were added to it
            out.flush();
            if (force) {
                channel.force(true);
            }
        }
        Files.move(temp, directory.resolve(NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        if (force) {
            forceDirectory(directory);
        }
    }

    /**
     * A rename is only durable once the directory entry is on the device too. Linux and macOS allow opening a
     * directory to force it; Windows does not (and makes renames durable by itself), so there it is skipped.
     */
    private static void forceDirectory(Path directory) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
