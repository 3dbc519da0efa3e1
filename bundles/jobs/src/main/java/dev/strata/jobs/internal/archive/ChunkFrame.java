package dev.strata.jobs.internal.archive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One chunk's frame: {@code header(22) nonce payload crc32c(u32)}. The header is
 * {@code index(u64) kind(u8) codecId(u8) plainLength(u32) entries(u32) storedLength(u32)}; the checksum covers header,
 * nonce and payload. A sealed payload's associated data is the archive header followed by this frame header, so a
 * chunk moved to another position or another archive fails to open. The trailer
 * {@code "STRATEND" manifestOffset(u64) frames(u64) crc32c(u32)} closes a complete archive.
 */
final class ChunkFrame {

    static final int HEADER = 8 + 1 + 1 + 4 + 4 + 4;
    static final int CRC = 4;
    static final byte DATA = 1;
    static final byte MANIFEST = 2;
    static final byte[] TRAILER_MAGIC = "STRATEND".getBytes(StandardCharsets.US_ASCII);
    static final int TRAILER = 8 + 8 + 8 + 4;
    /** No chunk's plaintext is larger: a damaged length is refused before it allocates memory. */
    static final int MAX_PLAIN = 96 * 1024 * 1024;

    private ChunkFrame() {
    }

    static byte[] header(long index, byte kind, int codecId, int plainLength, int entries, int storedLength) {
        return ByteBuffer.allocate(HEADER).putLong(index).put(kind).put((byte) codecId).putInt(plainLength)
                .putInt(entries).putInt(storedLength).array();
    }

    static byte[] associatedData(byte[] archiveHeader, byte[] frameHeader) {
        return ByteBuffer.allocate(archiveHeader.length + frameHeader.length).put(archiveHeader).put(frameHeader)
                .array();
    }

    /** The parsed fixed part of a frame. */
    record Header(long index, byte kind, int codecId, int plainLength, int entries, int storedLength) {
        static Header parse(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new Header(b.getLong(), b.get(), b.get() & 0xFF, b.getInt(), b.getInt(), b.getInt());
        }
    }
}
