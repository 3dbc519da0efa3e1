package dev.strata.jobs.internal.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.DataKey;

/**
 * Reads an archive and checks everything it can: the header's checksum and version, the key (before any data),
 * each chunk's checksum, index, tag and entries, the key order, the manifest's counts and digest, and the trailer.
 * {@link #readAll} walks every chunk in order; {@link #openIndexed} and {@link #chunk} read one chunk through the
 * manifest's index (cold-tier reads). Not thread-safe.
 */
public final class ArchiveReader implements AutoCloseable {

    /** Receives the entries of each data chunk, in order; may stop the walk by throwing. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(long chunk, List<KeyRecord> entries, long fileBytesRead);
    }

    private final String file;
    private final FileChannel channel;
    private final long size;
    private final ArchiveHeader header;
    private final byte[] headerBytes;
    private final ArchiveCodecs codecs;
    private final AeadCipher cipher;
    private final DataKey key;

    private ArchiveReader(Path path, ArchiveCodecs codecs) throws IOException {
        this.file = path.toString();
        this.codecs = codecs;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            this.size = channel.size();
            byte[] prefix = read(0, ArchiveHeader.PREFIX);
            if (prefix == null) {
                if (!startsLikeMagic()) {
                    throw new ForeignArchiveException("'" + file + "' is not a Strata archive");
                }
                throw new IncompleteArchiveException("archive is incomplete: it ends inside its header", -1, file, 0);
            }
            this.header = ArchiveHeader.decode(prefix, this::read, file);
            this.headerBytes = Arrays.copyOf(read(0, ArchiveHeader.PREFIX + 4 + bodyLength(prefix)),
                    ArchiveHeader.PREFIX + 4 + bodyLength(prefix));
            this.key = ArchiveKeys.open(header, codecs, file);
            this.cipher = header.encrypted() ? codecs.cipher(header.cipher()) : null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens an archive: checks its header and its key.
     *
     * @throws NotFoundException                   when the file does not exist or the keystore lacks its key
     * @throws ForeignArchiveException             when it is not a Strata archive
     * @throws UnsupportedArchiveVersionException  when its format is newer than this runtime reads
     * @throws dev.strata.api.WrongKeyException    when the keystore's key is not the archive's
     * @throws ArchiveCorruptException             when the header is damaged
     */
    public static ArchiveReader open(Path path, ArchiveCodecs codecs) {
        try {
            return new ArchiveReader(path, codecs);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no archive file '" + path + "'");
        } catch (IOException e) {
            throw new StorageException("cannot read archive '" + path + "': " + e.getMessage(), e);
        }
    }

    public ArchiveHeader header() {
        return header;
    }

    public long fileBytes() {
        return size;
    }

    /**
     * Reads every chunk in order and checks the whole archive against its manifest.
     *
     * @return the verified manifest
     * @throws ArchiveCorruptException when anything fails a check (naming the chunk)
     */
    public ArchiveManifest readAll(ChunkConsumer consumer) {
        long position = headerBytes.length;
        long expected = 0;
        long keys = 0;
        long bytes = 0;
        byte[] previousKey = null;
        ContentDigest digest = new ContentDigest();
        while (true) {
            Frame frame = frameAt(position, expected);
            if (frame.header.kind() == ChunkFrame.DATA) {
                List<KeyRecord> entries = decodeEntries(frame, position);
                for (KeyRecord entry : entries) {
                    byte[] k = entry.key().getBytes(StandardCharsets.UTF_8);
                    if (previousKey != null && Arrays.compareUnsigned(previousKey, k) >= 0) {
                        throw corrupt("keys out of order at '" + entry.key() + "'", expected, position);
                    }
                    previousKey = k;
                    digest.update(k, entry.value());
                    keys++;
                    bytes += k.length + entry.value().length;
                }
                position += frame.length;
                if (consumer != null) {
                    consumer.accept(expected, entries, position);
                }
                expected++;
                continue;
            }
            ArchiveManifest manifest = decodeManifest(frame, position);
            checkTrailer(position, position + frame.length, expected + 1);
            check(manifest, expected, keys, bytes, digest.finish(), position);
            return manifest;
        }
    }

    /** Opens an archive through its trailer and manifest, without reading the data chunks. */
    public ArchiveManifest manifest() {
        if (size < headerBytes.length + ChunkFrame.TRAILER) {
            throw new IncompleteArchiveException("archive is incomplete: it has no trailer", -1, file, size);
        }
        long trailerAt = size - ChunkFrame.TRAILER;
        ByteBuffer trailer = ByteBuffer.wrap(readOrFail(trailerAt, ChunkFrame.TRAILER, -1));
        if (!Arrays.equals(Arrays.copyOf(trailer.array(), 8), ChunkFrame.TRAILER_MAGIC)) {
            // no trailer where one should be: walk the frames from the start to tell an archive whose writing
            // stopped (every frame intact up to the end of the file) from a damaged one; the walk throws either way
            readAll((index, entries, offset) -> { });
        }
        long manifestOffset = trailer.getLong(8);
        long frames = trailer.getLong(16);
        checkTrailer(manifestOffset, trailerAt, frames);
        Frame frame = frameAt(manifestOffset, frames - 1);
        if (frame.header.kind() != ChunkFrame.MANIFEST) {
            throw corrupt("the trailer does not point at the manifest", -1, manifestOffset);
        }
        return decodeManifest(frame, manifestOffset);
    }

    /** The entries of one data chunk, found through the manifest's index. */
    public List<KeyRecord> chunk(ChunkIndex index) {
        Frame frame = frameAt(index.offset(), index.index());
        if (frame.header.kind() != ChunkFrame.DATA || frame.header.entries() != index.entries()) {
            throw corrupt("chunk does not match the manifest's index", index.index(), index.offset());
        }
        return decodeEntries(frame, index.offset());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written; closing a read channel has nothing to lose
        }
    }

    private record Frame(ChunkFrame.Header header, byte[] plain, long length) {
    }

    private Frame frameAt(long position, long expected) {
        byte[] head = read(position, ChunkFrame.HEADER, expected);
        ChunkFrame.Header h = ChunkFrame.Header.parse(head);
        int nonceLength = cipher == null ? 0 : cipher.nonceLength();
        long rest = (long) nonceLength + h.storedLength() + ChunkFrame.CRC;
        if (h.storedLength() < 0 || h.plainLength() < 0 || h.plainLength() > ChunkFrame.MAX_PLAIN
                || h.storedLength() > ChunkFrame.MAX_PLAIN + 1024) {
            throw corrupt("chunk frame is damaged (impossible lengths)", expected, position);
        }
        if (position + ChunkFrame.HEADER + rest > size) {
            throw new IncompleteArchiveException("archive is incomplete or damaged: chunk " + expected
                    + " runs past the end of the file", expected, file, position);
        }
        byte[] body = read(position + ChunkFrame.HEADER, (int) rest, expected);
        CRC32C crc = new CRC32C();
        crc.update(head);
        crc.update(body, 0, body.length - ChunkFrame.CRC);
        if ((int) crc.getValue() != ByteBuffer.wrap(body, body.length - ChunkFrame.CRC, 4).getInt()) {
            throw corrupt("chunk " + expected + " is damaged (checksum mismatch)", expected, position);
        }
        if (h.index() != expected) {
            throw corrupt("chunk " + h.index() + " found where chunk " + expected
                    + " belongs (chunks dropped, duplicated or reordered)", expected, position);
        }
        byte[] stored = Arrays.copyOfRange(body, nonceLength, body.length - ChunkFrame.CRC);
        if (cipher != null) {
            try {
                stored = cipher.decrypt(key, Arrays.copyOf(body, nonceLength),
                        ChunkFrame.associatedData(headerBytes, head), stored, 0, stored.length);
            } catch (CorruptionException e) {
                throw corrupt("chunk " + expected + " failed authentication (altered, moved or from another archive)",
                        expected, position);
            }
        }
        byte[] plain = stored;
        if (h.codecId() != 0) {
            Compressor codec = codecs.compressor(h.codecId());
            try {
                plain = codec.decompress(stored, 0, stored.length, h.plainLength());
            } catch (CorruptionException | IllegalArgumentException e) {
                throw corrupt("chunk " + expected + " does not decompress", expected, position);
            }
        }
        if (plain.length != h.plainLength()) {
            throw corrupt("chunk " + expected + " has " + plain.length + " bytes, its frame says "
                    + h.plainLength(), expected, position);
        }
        return new Frame(h, plain, ChunkFrame.HEADER + rest);
    }

    private List<KeyRecord> decodeEntries(Frame frame, long position) {
        try {
            return EntryBlock.decode(frame.plain, frame.header.entries(), header.formatVersion());
        } catch (IllegalArgumentException e) {
            throw corrupt("chunk " + frame.header.index() + " holds malformed entries: " + e.getMessage(),
                    frame.header.index(), position);
        }
    }

    private ArchiveManifest decodeManifest(Frame frame, long position) {
        if (frame.header.kind() != ChunkFrame.MANIFEST) {
            throw corrupt("chunk " + frame.header.index() + " has unknown kind " + frame.header.kind(),
                    frame.header.index(), position);
        }
        try {
            return ArchiveManifest.decode(frame.plain);
        } catch (IOException e) {
            throw corrupt("the manifest is malformed: " + e.getMessage(), -1, position);
        }
    }

    private void checkTrailer(long manifestOffset, long trailerAt, long frames) {
        if (trailerAt + ChunkFrame.TRAILER > size) {
            throw new IncompleteArchiveException("archive is incomplete: it ends after its manifest without the "
                    + "trailer", -1, file, trailerAt);
        }
        byte[] t = readOrFail(trailerAt, ChunkFrame.TRAILER, -1);
        ByteBuffer b = ByteBuffer.wrap(t);
        CRC32C crc = new CRC32C();
        crc.update(t, 0, ChunkFrame.TRAILER - 4);
        boolean magic = Arrays.equals(Arrays.copyOf(t, 8), ChunkFrame.TRAILER_MAGIC);
        if (!magic || (int) crc.getValue() != b.getInt(ChunkFrame.TRAILER - 4)) {
            throw corrupt("the trailer is damaged", -1, trailerAt);
        }
        if (b.getLong(8) != manifestOffset || b.getLong(16) != frames) {
            throw corrupt("the trailer does not match the chunks (" + b.getLong(16) + " frames, " + frames
                    + " read)", -1, trailerAt);
        }
        if (trailerAt + ChunkFrame.TRAILER != size) {
            throw corrupt((size - trailerAt - ChunkFrame.TRAILER) + " bytes follow the trailer", -1, trailerAt);
        }
    }

    private void check(ArchiveManifest m, long chunks, long keys, long bytes, String digest, long position) {
        String problem = null;
        if (!m.archiveId().equals(header.idHex())) {
            problem = "the manifest belongs to archive " + m.archiveId() + ", the header to " + header.idHex();
        } else if (m.chunks().size() != chunks) {
            problem = "the manifest lists " + m.chunks().size() + " chunks, the archive has " + chunks;
        } else if (m.keys() != keys) {
            problem = "the manifest counts " + m.keys() + " keys, the chunks hold " + keys;
        } else if (m.bytes() != bytes) {
            problem = "the manifest counts " + m.bytes() + " bytes, the chunks hold " + bytes;
        } else if (!m.digest().equals(digest)) {
            problem = "the content digest " + digest + " differs from the manifest's " + m.digest();
        }
        if (problem != null) {
            throw corrupt(problem, -1, position);
        }
    }

    private ArchiveCorruptException corrupt(String message, long chunk, long offset) {
        return new ArchiveCorruptException("archive is damaged: " + message, chunk, file, offset);
    }

    private byte[] read(long offset, int length, long chunk) {
        byte[] bytes = readOrNull(offset, length);
        if (bytes == null) {
            throw new IncompleteArchiveException("archive is incomplete: it ends inside chunk " + chunk
                    + " (a backup that did not finish, or a truncated copy)", chunk, file, offset);
        }
        return bytes;
    }

    private byte[] readOrFail(long offset, int length, long chunk) {
        return read(offset, length, chunk);
    }

    private byte[] read(long offset, int length) throws IOException {
        if (offset + length > size) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer.array();
    }

    private byte[] readOrNull(long offset, int length) {
        try {
            return read(offset, length);
        } catch (IOException e) {
            throw new StorageException("cannot read archive '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Whether the (short) file's bytes are a beginning of the magic: a cut archive rather than a foreign file. */
    private boolean startsLikeMagic() throws IOException {
        int n = (int) Math.min(size, ArchiveHeader.MAGIC.length);
        byte[] m = read(0, n);
        return m != null && Arrays.equals(m, Arrays.copyOf(ArchiveHeader.MAGIC, n));
    }

    private static int bodyLength(byte[] prefix) {
        return ByteBuffer.wrap(prefix).getInt(10);
    }
}
