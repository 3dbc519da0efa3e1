package dev.strata.jobs.internal.archive;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The first bytes of an archive: {@code magic(8) version(u16) bodyLength(u32) body crc32c(u32)}. That frame stays
 * the same in every format version, so a reader can always tell a damaged header (the checksum fails) from a newer
 * format (the checksum holds, the version is higher than it reads). The body names the archive id, the codec and,
 * for a sealed archive, the cipher, the key alias and id and a key check value.
 *
 * @param formatVersion the format version
 * @param archiveId     16 random bytes
 * @param kind          {@code backup} or {@code cold}
 * @param codec         compression codec name ({@code none} for none)
 * @param cipher        the AEAD algorithm, empty when not encrypted
 * @param keyAlias      keystore alias of the key, empty when not encrypted
 * @param keyId         the key's id under the alias, -1 when not encrypted
 * @param checkNonce    nonce of the key check value (empty when not encrypted)
 * @param check         a known plaintext sealed with the key: opening it proves the key before any data is read
 */
public record ArchiveHeader(int formatVersion, byte[] archiveId, String kind, String codec, String cipher,
        String keyAlias, int keyId, byte[] checkNonce, byte[] check) {

    public static final byte[] MAGIC = "STRATARC".getBytes(StandardCharsets.US_ASCII);
    /** Format 2 keeps each key's expiry and tags; format 1 (values only) is still read. */
    public static final int FORMAT_VERSION = 2;
    static final int PREFIX = 8 + 2 + 4;
    static final int MAX_BODY = 64 * 1024;
    static final byte[] CHECK_PLAINTEXT = new byte[32];

    public boolean encrypted() {
        return !cipher.isEmpty();
    }

    public String idHex() {
        return HexFormat.of().formatHex(archiveId);
    }

    /** The associated data of the key check value: it binds the check to this archive's id. */
    byte[] checkAssociatedData() {
        byte[] label = "strata-archive-key-check".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + archiveId.length).put(label).put(archiveId).array();
    }

    /** The whole header as written, checksum included. */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.write(archiveId);
            out.writeUTF(kind);
            out.writeUTF(codec);
            out.writeUTF(cipher);
            out.writeUTF(keyAlias);
            out.writeInt(keyId);
            out.writeShort(checkNonce.length);
            out.write(checkNonce);
            out.writeShort(check.length);
            out.write(check);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = body.toByteArray();
        ByteBuffer all = ByteBuffer.allocate(PREFIX + b.length + 4);
        all.put(MAGIC).putShort((short) formatVersion).putInt(b.length).put(b);
        CRC32C crc = new CRC32C();
        crc.update(all.array(), 0, all.position());
        all.putInt((int) crc.getValue());
        return all.array();
    }

    /**
     * Reads and checks a header.
     *
     * @param prefix the first {@link #PREFIX} bytes of the file
     * @param rest   a reader of the bytes after them
     */
    static ArchiveHeader decode(byte[] prefix, RangeReader rest, String file) throws IOException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new ForeignArchiveException("'" + file + "' is not a Strata archive (its first bytes are not "
                        + "the archive magic, or they are damaged)");
            }
        }
        ByteBuffer p = ByteBuffer.wrap(prefix);
        int version = p.getShort(8) & 0xFFFF;
        int bodyLength = p.getInt(10);
        if (bodyLength < 0 || bodyLength > MAX_BODY) {
            throw new ArchiveCorruptException("archive header is damaged (body length " + bodyLength + ")", -1, file,
                    0);
        }
        byte[] tail = rest.read(PREFIX, bodyLength + 4);
        if (tail == null) {
            throw new IncompleteArchiveException("archive is incomplete: it ends inside its header", -1, file, 0);
        }
        CRC32C crc = new CRC32C();
        crc.update(prefix);
        crc.update(tail, 0, bodyLength);
        if ((int) crc.getValue() != ByteBuffer.wrap(tail, bodyLength, 4).getInt()) {
            throw new ArchiveCorruptException("archive header is damaged (checksum mismatch)", -1, file, 0);
        }
        if (version > FORMAT_VERSION) {
            throw new UnsupportedArchiveVersionException("archive '" + file + "' has format version " + version
                    + ", newer than this runtime reads (" + FORMAT_VERSION + "); restore it with a newer Strata");
        }
        if (version < 1) {
            throw new ArchiveCorruptException("archive header names format version " + version, -1, file, 0);
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(tail, 0, bodyLength))) {
            byte[] id = new byte[16];
            in.readFully(id);
            String kind = in.readUTF();
            String codec = in.readUTF();
            String cipher = in.readUTF();
            String alias = in.readUTF();
            int keyId = in.readInt();
            byte[] nonce = new byte[in.readUnsignedShort()];
            in.readFully(nonce);
            byte[] check = new byte[in.readUnsignedShort()];
            in.readFully(check);
            return new ArchiveHeader(version, id, kind, codec, cipher, alias, keyId, nonce, check);
        }
    }

    /** Positional reads of a file: {@code null} when fewer than {@code length} bytes remain. */
    interface RangeReader {
        byte[] read(long offset, int length) throws IOException;
    }
}
