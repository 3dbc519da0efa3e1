package dev.strata.core.internal.fallback;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.KeyRange;

/**
 * The journal's records in the fallback store's engine, all under core's private prefix {@code FF 'j'} followed by
 * the primary store's name and a zero byte (store names never hold one), so they never meet a user key and two
 * primaries sharing a fallback never meet each other:
 * <ul>
 * <li>{@code … 'n'}: the journal's identity (8 random bytes, chosen when the journal is first written) and the next
 * sequence number. It is never deleted, so sequence numbers are never reused while the identity stands.</li>
 * <li>{@code … 'e'} + sequence (8 bytes, big-endian, so engine order is journal order): one committed batch of
 * writes, CRC32C-checked.</li>
 * <li>{@code … 'k'} + user key (or, when that would pass the engine's key limit, its first bytes and 8 bytes of its
 * SHA-256): the overlay, the last journaled state of that key with the sequence that wrote it, for reads.</li>
 * </ul>
 */
final class JournalCodec {

    private static final byte[] PREFIX = {(byte) 0xFF, 'j'};
    private static final int HASH_BYTES = 8;

    private final byte[] base;

    JournalCodec(String primary) {
        byte[] name = primary.getBytes(StandardCharsets.UTF_8);
        base = ByteBuffer.allocate(PREFIX.length + name.length + 1).put(PREFIX).put(name).put((byte) 0).array();
    }

    byte[] counterKey() {
        return concat(base, new byte[] {'n'});
    }

    byte[] entryKey(long seq) {
        return ByteBuffer.allocate(base.length + 1 + Long.BYTES).put(base).put((byte) 'e').putLong(seq).array();
    }

    long seqOf(byte[] entryKey) {
        return ByteBuffer.wrap(entryKey, base.length + 1, Long.BYTES).getLong();
    }

    /** Every entry with a sequence above {@code after}, in journal order. */
    KeyRange entriesAfter(long after) {
        byte[] entries = concat(base, new byte[] {'e'});
        return new KeyRange(entryKey(after + 1), ByteKeys.prefixEnd(entries));
    }

    byte[] overlayKey(String key) {
        byte[] user = key.getBytes(StandardCharsets.UTF_8);
        int room = ByteKeys.MAX_KEY_BYTES - base.length - 1;
        byte[] tail = user.length <= room ? user
                : concat(Arrays.copyOf(user, room - HASH_BYTES), Arrays.copyOf(sha256(user), HASH_BYTES));
        return concat(concat(base, new byte[] {'k'}), tail);
    }

    static byte[] counter(long journalId, long next) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(journalId).putLong(next).array();
    }

    /** The overlay's value: the op with the sequence that wrote it (the full key included, for hashed keys). */
    static byte[] overlay(long seq, JournalOp op) {
        return withCrc(out -> {
            out.writeLong(seq);
            writeOp(out, op);
        });
    }

    static Overlay readOverlay(byte[] stored, String where) {
        return read(stored, where, in -> new Overlay(in.readLong(), readOp(in)));
    }

    static byte[] batch(List<JournalOp> ops) {
        return withCrc(out -> {
            out.writeInt(ops.size());
            for (JournalOp op : ops) {
                writeOp(out, op);
            }
        });
    }

    static List<JournalOp> readBatch(byte[] stored, String where) {
        return read(stored, where, in -> {
            int count = in.readInt();
            List<JournalOp> ops = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ops.add(readOp(in));
            }
            return ops;
        });
    }

    /** A key's last journaled state. */
    record Overlay(long seq, JournalOp op) { }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static void writeOp(DataOutputStream out, JournalOp op) throws IOException {
        out.writeBoolean(op.delete());
        writeBytes(out, op.key().getBytes(StandardCharsets.UTF_8));
        writeBytes(out, op.value());
        out.writeLong(op.expiresAt());
        out.writeBoolean(op.noExpiry());
        out.writeShort(op.tags().size());
        for (String tag : op.tags()) {
            writeBytes(out, tag.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JournalOp readOp(DataInputStream in) throws IOException {
        boolean delete = in.readBoolean();
        String key = new String(readBytes(in), StandardCharsets.UTF_8);
        byte[] value = readBytes(in);
        long expiresAt = in.readLong();
        boolean noExpiry = in.readBoolean();
        int tagCount = in.readShort();
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < tagCount; i++) {
            tags.add(new String(readBytes(in), StandardCharsets.UTF_8));
        }
        return new JournalOp(delete, key, value, expiresAt, noExpiry, tags);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("length " + length + " passes the record's end");
        }
        return in.readNBytes(length);
    }

    private static byte[] withCrc(Writer body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        byte[] payload = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(payload.length + Integer.BYTES).put(payload).putInt((int) crc.getValue()).array();
    }

    private static <T> T read(byte[] stored, String where, Reader<T> body) {
        if (stored == null || stored.length < Integer.BYTES) {
            throw new CorruptionException("fallback journal record is truncated (" + where + ")", null, -1);
        }
        int end = stored.length - Integer.BYTES;
        CRC32C crc = new CRC32C();
        crc.update(stored, 0, end);
        if ((int) crc.getValue() != ByteBuffer.wrap(stored, end, Integer.BYTES).getInt()) {
            throw new CorruptionException("fallback journal record fails its checksum (" + where + ")", null, -1);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored, 0, end))) {
            return body.read(in);
        } catch (IOException e) {
            throw new CorruptionException("fallback journal record does not parse (" + where + "): "
                    + e.getMessage(), null, -1, e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
