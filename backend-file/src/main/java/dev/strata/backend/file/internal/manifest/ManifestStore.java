package dev.strata.backend.file.internal.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.strata.api.CorruptionException;
import dev.strata.backend.file.internal.codec.KeyCheck;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.ByteSource;
import dev.strata.backend.file.internal.format.Checksums;
import dev.strata.backend.file.internal.format.MalformedDataException;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.io.IoFailures;

/**
 * Reads and atomically replaces {@code MANIFEST}: the new content goes to {@code MANIFEST.tmp}, is forced, renamed
 * over the old one, and the directory is forced, so a crash leaves either the old or the new manifest whole. The
 * generation before the current one stays as {@code MANIFEST.prev}, the fallback of safe mode.
 *
 * <pre>
 * "STRMAN01", u32 format version, u64 generation, u64 next file number, u64 log start, u64 flushed seq,
 * u64 store id, u64 first encrypted file number, u8 has cipher [string cipher] (format 2),
 * u8 has alias [string alias], varint key checks { u32 key id, bytes nonce, bytes sealed },
 * varint segments { u64 id, u64 bytes, u64 entries, u64 min seq, u64 max seq }, u32 CRC32C of all before
 * </pre>
 */
public final class ManifestStore {

    public static final String FILE_NAME = "MANIFEST";
    public static final String TEMP_NAME = "MANIFEST.tmp";
    public static final String PREVIOUS_NAME = "MANIFEST.prev";
    private static final byte[] MAGIC = "STRMAN01".getBytes(StandardCharsets.US_ASCII);
    /** Format 2 adds the store's identity (store id, cipher, first encrypted file); format 1 is still read. */
    private static final int FORMAT = 2;

    private final Path directory;
    private final ChannelFactory channels;

    public ManifestStore(Path directory, ChannelFactory channels) {
        this.directory = directory;
        this.channels = channels;
    }

    /**
     * @return the manifest, or empty when the store has none yet
     * @throws CorruptionException when it exists but fails its checks
     */
    public Optional<Manifest> read() {
        return Optional.ofNullable(readFile(directory.resolve(FILE_NAME)));
    }

    /**
     * What the store directory holds: the current manifest and the generation before it, each {@code null} when
     * missing or unusable, and the damage of the current one (damaged, or missing though data files or an older
     * generation exist, which a crash cannot cause: the first manifest is written before any data file).
     */
    public record Loaded(Manifest current, Manifest previous, CorruptionException damage) {
    }

    public Loaded load(boolean dataFilesExist) {
        Path file = directory.resolve(FILE_NAME);
        Manifest current = null;
        CorruptionException damage = null;
        try {
            current = readFile(file);
        } catch (CorruptionException e) {
            damage = e;
        }
        Manifest previous;
        try {
            previous = readFile(directory.resolve(PREVIOUS_NAME));
        } catch (CorruptionException e) {
            previous = null; // only a fallback: the current generation does not need it
        }
        if (current == null && damage == null && (previous != null || dataFilesExist)) {
            damage = new CorruptionException("manifest is missing but the store has "
                    + (previous != null ? "its previous generation" : "data files"), file.toString(), -1);
        }
        return new Loaded(current, previous, damage);
    }

    private static Manifest readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoFailures.failed("reading the manifest", file, e);
        }
        try {
            return decode(bytes);
        } catch (MalformedDataException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CorruptionException("manifest is damaged: " + e.getMessage(), file.toString(), 0);
        }
    }

    /**
     * Replaces the manifest atomically and durably, keeping the generation it replaces as {@code MANIFEST.prev}
     * (a hard link to the old file, so it costs no copy and no force): the store's safe mode opens from it when the
     * current one is damaged. The files the previous generation names are kept until the next replacement.
     */
    public void write(Manifest manifest) throws IOException {
        byte[] bytes = encode(manifest);
        Path temp = directory.resolve(TEMP_NAME);
        try (FileChannel channel = channels.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Path current = directory.resolve(FILE_NAME);
        if (Files.exists(current)) {
            Path previous = directory.resolve(PREVIOUS_NAME);
            Files.deleteIfExists(previous);
            Files.createLink(previous, current);
        }
        Files.move(temp, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channels.forceDirectory(directory);
    }

    static byte[] encode(Manifest manifest) {
        ByteSink sink = new ByteSink(256 + manifest.segments().size() * 40);
        sink.write(MAGIC).writeInt(FORMAT).writeLong(manifest.generation()).writeLong(manifest.nextFileNumber())
                .writeLong(manifest.walStart()).writeLong(manifest.flushedSeq());
        Manifest.Identity identity = manifest.identity();
        sink.writeLong(identity.storeId()).writeLong(identity.encryptedSince());
        if (identity.cipher() == null) {
            sink.writeByte(0);
        } else {
            sink.writeByte(1).writeBytes(identity.cipher().getBytes(StandardCharsets.UTF_8));
        }
        if (manifest.keyAlias() == null) {
            sink.writeByte(0);
        } else {
            sink.writeByte(1).writeBytes(manifest.keyAlias().getBytes(StandardCharsets.UTF_8));
        }
        sink.writeVarInt(manifest.keyChecks().size());
        for (KeyCheck check : manifest.keyChecks()) {
            sink.writeInt(check.keyId()).writeBytes(check.nonce()).writeBytes(check.sealed());
        }
        sink.writeVarInt(manifest.segments().size());
        for (SegmentMeta segment : manifest.segments()) {
            sink.writeLong(segment.id()).writeLong(segment.bytes()).writeLong(segment.entries())
                    .writeLong(segment.minSeq()).writeLong(segment.maxSeq());
        }
        sink.writeInt(Checksums.crc32c(sink.array(), 0, sink.size()));
        return sink.toByteArray();
    }

    static Manifest decode(byte[] bytes) {
        if (bytes.length < MAGIC.length + 8) {
            throw new MalformedDataException("too short");
        }
        int crc = ByteSink.readInt(bytes, bytes.length - 4);
        if (Checksums.crc32c(bytes, 0, bytes.length - 4) != crc) {
            throw new MalformedDataException("checksum mismatch");
        }
        ByteSource source = new ByteSource(bytes, 0, bytes.length - 4);
        if (!java.util.Arrays.equals(source.readBytes(MAGIC.length), MAGIC)) {
            throw new MalformedDataException("not a manifest");
        }
        int format = source.readInt();
        if (format != FORMAT && format != 1) {
            throw new MalformedDataException("unknown format " + format);
        }
        long generation = source.readLong();
        long nextFile = source.readLong();
        long walStart = source.readLong();
        long flushedSeq = source.readLong();
        Manifest.Identity identity = Manifest.Identity.LEGACY;
        if (format >= 2) {
            long storeId = source.readLong();
            long encryptedSince = source.readLong();
            String cipher = source.readByte() == 1 ? new String(source.readBytes(), StandardCharsets.UTF_8) : null;
            identity = new Manifest.Identity(storeId, cipher, encryptedSince);
        }
        String alias = source.readByte() == 1 ? new String(source.readBytes(), StandardCharsets.UTF_8) : null;
        int checkCount = source.readVarInt();
        List<KeyCheck> checks = new ArrayList<>();
        for (int i = 0; i < checkCount; i++) {
            checks.add(new KeyCheck(source.readInt(), source.readBytes(), source.readBytes()));
        }
        int segmentCount = source.readVarInt();
        List<SegmentMeta> segments = new ArrayList<>();
        for (int i = 0; i < segmentCount; i++) {
            segments.add(new SegmentMeta(source.readLong(), source.readLong(), source.readLong(), source.readLong(),
                    source.readLong()));
        }
        if (source.remaining() != 0) {
            throw new MalformedDataException("trailing bytes");
        }
        return new Manifest(generation, nextFile, walStart, flushedSeq, alias, checks, segments, identity);
    }
}
