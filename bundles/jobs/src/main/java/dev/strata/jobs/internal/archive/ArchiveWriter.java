package dev.strata.jobs.internal.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.DataKey;

/**
 * Writes one archive into {@code <file>.partial} and renames it to its name only in {@link #finish}, after the
 * manifest and trailer are written and forced to disk: a file under the final name is always complete. Entries must
 * come in ascending key order. Not thread-safe: one thread adds entries, each encoded into the chunk as it comes
 * ({@link EntryBlock#add}); each full chunk is then digested, compressed, sealed and written on a thread of the
 * writer's own ({@link ChunkPipeline}), while the caller goes on reading and adding the next chunk's entries.
 */
public final class ArchiveWriter implements AutoCloseable {

    /** Where a finished archive landed and what it holds. */
    public record Written(Path file, ArchiveManifest manifest, long fileBytes) {
    }

    /**
     * How often (in chunks written) the file is forced in the background while it is written: every 8 MiB with
     * the default 1 MiB chunks.
     */
    static final int FORCE_EVERY_CHUNKS = 8;

    /** The largest chunk size an archive is written with: the most plaintext of one chunk a reader accepts. */
    public static final int MAX_CHUNK_BYTES = ChunkFrame.MAX_PLAIN;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final ArchiveHeader header;
    private final byte[] headerBytes;
    private final Compressor compressor;
    private final AeadCipher cipher;
    private final DataKey key;
    private final int chunkBytes;
    /** Written on the pipeline's thread only (until {@link ChunkPipeline#finish} returns). */
    private final ContentDigest digest = new ContentDigest();
    /**
     * The compressed form of the frame being written, reused from frame to frame (on the pipeline's thread, then in
     * {@link #finish} once that thread has ended): a new array of the chunk's worst-case compressed size and a copy
     * of the result per chunk was a quarter of the backup's garbage.
     */
    private byte[] packed = new byte[0];
    private final List<ChunkIndex> chunks = new ArrayList<>();
    private long position;
    private final ChunkPipeline pipeline;
    /** Forces the file as it grows, so that the final force has little left to write. */
    private final BackgroundForce background;
    /** The block being filled, on the caller's thread. */
    private EntryBlock block;
    private long blocksHandedOver;
    private long keys;
    private long bytes;
    private boolean done;

    private ArchiveWriter(Path target, ArchiveHeader header, Compressor compressor, AeadCipher cipher, DataKey key,
            int chunkBytes, ArchiveFiles files) throws IOException {
        this.target = target;
        this.temp = partialOf(target);
        this.header = header;
        this.headerBytes = header.encode();
        this.compressor = compressor;
        this.cipher = cipher;
        this.key = key;
        this.chunkBytes = chunkBytes;
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.deleteIfExists(temp);
        this.channel = files.create(temp);
        try {
            write(headerBytes);
        } catch (IOException | RuntimeException e) {
            // a disk full at the very first bytes: nothing is left that a later look could take for an archive
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        this.background = new BackgroundForce(channel, "strata-archive-writer-force " + target.getFileName(),
                (long) FORCE_EVERY_CHUNKS * chunkBytes);
        this.pipeline = new ChunkPipeline("strata-archive-writer " + target.getFileName(), this::writeBlock);
        this.block = pipeline.first();
    }

    /** The temporary name an archive has until it is complete. */
    public static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    /**
     * Starts an archive. With a cipher and key every chunk is sealed (AES-GCM), with a key check value in the header.
     *
     * @param compressor {@code null} to store chunks uncompressed
     * @throws InvalidArgumentException when the target exists (an archive is never overwritten)
     */
    public static ArchiveWriter create(Path target, String kind, Compressor compressor, AeadCipher cipher,
            DataKey key, int chunkBytes) {
        return create(target, kind, compressor, cipher, key, chunkBytes, ArchiveFiles.DISK);
    }

    /**
     * Starts an archive in a file {@code files} creates (the disk, or a test's failing one).
     *
     * @see #create(Path, String, Compressor, AeadCipher, DataKey, int)
     */
    public static ArchiveWriter create(Path target, String kind, Compressor compressor, AeadCipher cipher,
            DataKey key, int chunkBytes, ArchiveFiles files) {
        checkChunkSize(chunkBytes, "chunk size");
        if (Files.exists(target)) {
            throw new InvalidArgumentException("archive file '" + target + "' already exists; choose another name");
        }
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        String codec = compressor == null ? "none" : compressor.name();
        ArchiveHeader header;
        if (cipher != null) {
            ArchiveHeader unsealed = new ArchiveHeader(ArchiveHeader.FORMAT_VERSION, id, kind, codec,
                    cipher.algorithm(), key.alias(), key.id(), new byte[0], new byte[0]);
            byte[] nonce = cipher.newNonce();
            byte[] check = cipher.encrypt(key, nonce, unsealed.checkAssociatedData(), ArchiveHeader.CHECK_PLAINTEXT,
                    0, ArchiveHeader.CHECK_PLAINTEXT.length);
            header = new ArchiveHeader(ArchiveHeader.FORMAT_VERSION, id, kind, codec, cipher.algorithm(),
                    key.alias(), key.id(), nonce, check);
        } else {
            header = new ArchiveHeader(ArchiveHeader.FORMAT_VERSION, id, kind, codec, "", "", -1, new byte[0],
                    new byte[0]);
        }
        try {
            return new ArchiveWriter(target, header, compressor, cipher, key, chunkBytes, files);
        } catch (IOException e) {
            throw new StorageException("cannot create archive '" + target + "': " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a chunk size the format cannot hold, before anything is read or written.
     *
     * @param setting what the size is called where the user sets it, for the message
     * @throws ChunkSizeException when {@code chunkBytes} is over {@link #MAX_CHUNK_BYTES} or not positive
     */
    public static void checkChunkSize(long chunkBytes, String setting) {
        if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new ChunkSizeException("archive chunk size " + kib(chunkBytes) + " (" + setting + ") is "
                    + (chunkBytes < 1 ? "not positive" : "over " + kib(MAX_CHUNK_BYTES) + ", the most a chunk of an "
                    + "archive holds") + "; set it to 1 to " + MAX_CHUNK_BYTES / 1024 + " KiB");
        }
    }

    private static String kib(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    public ArchiveHeader header() {
        return header;
    }

    /**
     * Adds an entry without expiry or tags.
     *
     * @return whether a chunk was completed and written (a boundary where the caller may throttle or stop)
     */
    public boolean add(String key, byte[] value) {
        return add(KeyRecord.plain(key, value));
    }

    /**
     * Adds an entry with its expiry and tags (format 2 keeps them beside the value; the content digest covers keys
     * and values only, as a store's digest does).
     *
     * @return whether a chunk was completed and handed over to be written (a boundary where the caller may throttle
     *         or stop)
     */
    public boolean add(KeyRecord record) {
        return add(record.key(), record.value(), record.expiresAt(), record.tags());
    }

    /**
     * Adds an entry with its expiry (epoch ms, 0 for never) and tags, without a {@link KeyRecord} for it.
     *
     * @return whether a chunk was completed and handed over to be written
     */
    public boolean add(String key, byte[] value, long expiresAt, java.util.Set<String> tags) {
        return add(key.getBytes(StandardCharsets.UTF_8), key, value, 0, value.length, expiresAt, tags);
    }

    /**
     * Adds an entry from the bytes a scan read ({@link dev.strata.api.EntryCursor#nextRaw}): the key's UTF-8 bytes
     * and the value as a range of an array (the stored record), both copied into the chunk at once, so arrays the
     * cursor reuses are fine and no key {@code String} or value copy is needed per entry.
     *
     * @return whether a chunk was completed and handed over to be written
     */
    public boolean add(byte[] keyBytes, byte[] value, int valueOffset, int valueLength, long expiresAt,
            java.util.Set<String> tags) {
        return add(keyBytes, null, value, valueOffset, valueLength, expiresAt, tags);
    }

    private boolean add(byte[] keyBytes, String key, byte[] value, int valueOffset, int valueLength, long expiresAt,
            java.util.Set<String> tags) {
        if (!block.add(keyBytes, key, value, valueOffset, valueLength, expiresAt, tags)) {
            // it would take this chunk past the format's cap: it starts the next one (a chunk size close to the cap)
            block = pipeline.handOver(block);
            blocksHandedOver++;
            // alone in a chunk it fits, or it is refused
            block.add(keyBytes, key, value, valueOffset, valueLength, expiresAt, tags);
        }
        keys++;
        bytes += keyBytes.length + valueLength;
        if (block.size() >= chunkBytes) {
            block = pipeline.handOver(block);
            blocksHandedOver++;
            return true;
        }
        return false;
    }

    public long keys() {
        return keys;
    }

    public long bytes() {
        return bytes;
    }

    /** Writes the last chunk, the manifest and the trailer, forces them and gives the file its name. */
    public Written finish(String store, String engine, long createdAt, long snapshotSequence,
            Map<String, String> extra) {
        if (block.entries() > 0) {
            block = pipeline.handOver(block);
            blocksHandedOver++;
        }
        pipeline.finish(); // every chunk written (and the digest complete) before the manifest
        if (chunks.size() != blocksHandedOver) {
            throw new IllegalStateException(blocksHandedOver + " chunks handed over, " + chunks.size() + " written");
        }
        ArchiveManifest manifest = new ArchiveManifest(header.idHex(), header.kind(), store, engine,
                header.formatVersion(), keys, bytes, createdAt, snapshotSequence, digest.finish(), chunks, extra);
        try {
            long manifestOffset = position;
            byte[] encoded = manifest.encode();
            writeFrame(chunks.size(), ChunkFrame.MANIFEST, encoded, encoded.length, 0);
            ByteBuffer trailer = ByteBuffer.allocate(ChunkFrame.TRAILER);
            trailer.put(ChunkFrame.TRAILER_MAGIC).putLong(manifestOffset).putLong(chunks.size() + 1L);
            CRC32C crc = new CRC32C();
            crc.update(trailer.array(), 0, trailer.position());
            trailer.putInt((int) crc.getValue());
            write(trailer.array());
            background.finish();
            channel.force(true);
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.toAbsolutePath().getParent());
            done = true;
            return new Written(target, manifest, position);
        } catch (IOException e) {
            throw new StorageException("cannot finish archive '" + target + "': " + e.getMessage(), e);
        }
    }

    /** Drops the unfinished file. Does nothing after {@link #finish}. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        pipeline.close();
        background.abandon();
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new StorageException("cannot remove unfinished archive '" + temp + "': " + e.getMessage(), e);
        }
    }

    /** On the pipeline's thread, for each full block in order: digest, compress, seal, write, index. */
    private void writeBlock(EntryBlock full) {
        long offset = position;
        full.digest(digest);
        try {
            writeFrame(chunks.size(), ChunkFrame.DATA, full.array(), full.size(), full.entries());
            background.written(position);
        } catch (IOException e) {
            throw new StorageException("cannot write archive '" + temp + "': " + e.getMessage(), e);
        }
        chunks.add(new ChunkIndex(chunks.size(), offset, full.entries(), full.firstKey(), full.lastKey()));
    }

    /** Writes one frame of the first {@code plainLength} bytes of {@code plain}, without copying them into it. */
    private void writeFrame(long index, byte kind, byte[] plain, int plainLength, int entries) throws IOException {
        int codecId = 0;
        byte[] stored = plain;
        int length = plainLength;
        if (compressor != null && plainLength > 0) {
            if (packed.length < plainLength - 1) {
                // the first chunk, or one that grew past the others (an entry crossing the chunk size)
                packed = new byte[Math.max(plainLength - 1, chunkBytes + (chunkBytes >> 4))];
            }
            // kept only when shorter than the plaintext, as before: the codec stops once it would not be
            int packedLength = compressor.compress(plain, 0, plainLength, packed, 0, plainLength - 1);
            if (packedLength >= 0) {
                stored = packed;
                length = packedLength;
                codecId = compressor.id() & 0xFF;
            }
        }
        byte[] nonce = new byte[0];
        int storedLength = length + (cipher == null ? 0 : cipher.tagLength());
        byte[] frameHeader = ChunkFrame.header(index, kind, codecId, plainLength, entries, storedLength);
        if (cipher != null) {
            nonce = cipher.newNonce();
            stored = cipher.encrypt(key, nonce, ChunkFrame.associatedData(headerBytes, frameHeader), stored, 0,
                    length);
            length = stored.length;
        }
        CRC32C crc = new CRC32C();
        crc.update(frameHeader);
        crc.update(nonce);
        crc.update(stored, 0, length);
        ByteBuffer tail = ByteBuffer.allocate(ChunkFrame.CRC).putInt(0, (int) crc.getValue());
        ByteBuffer[] frame = {ByteBuffer.wrap(frameHeader), ByteBuffer.wrap(nonce), ByteBuffer.wrap(stored, 0, length),
            tail};
        long total = frameHeader.length + nonce.length + length + ChunkFrame.CRC;
        long written = 0;
        while (written < total) {
            written += channel.write(frame);
        }
        position += total;
    }

    private void write(byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        position += data.length;
    }

    static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for reading; the rename itself was atomic
        }
    }
}
