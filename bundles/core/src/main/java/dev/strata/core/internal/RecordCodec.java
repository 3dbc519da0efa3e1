package dev.strata.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.strata.api.CorruptionException;
import dev.strata.api.PutOptions;

/**
 * The envelope core writes around every value in a store of record format 2 ({@link StoreFormat}):
 * <pre>
 * byte    format version (2)
 * byte    flags: 1 = has expiresAt, 2 = has tags
 * long    createdAt (epoch ms)      long updatedAt (epoch ms)      long version (puts since creation)
 * [long   expiresAt (epoch ms)]                                   when flag 1
 * [byte   tag count, then per tag: byte length, UTF-8 bytes]      when flag 2
 * bytes   the value
 * </pre>
 * A key without a time to live or tags costs {@value #FIXED_HEADER} bytes and a read decodes only the first two
 * bytes to find where its value starts (and, with flag 1, the expiry time): no second lookup.
 */
final class RecordCodec {

    static final byte FORMAT_2 = 2;
    static final int FLAG_EXPIRES = 1;
    static final int FLAG_TAGS = 2;
    static final int FIXED_HEADER = 2 + 3 * Long.BYTES;
    /** The most header a value can get: fixed part, expiry, {@link PutOptions#MAX_TAGS} tags of the longest size. */
    static final int MAX_HEADER = FIXED_HEADER + Long.BYTES + 1 + PutOptions.MAX_TAGS * (1 + PutOptions.MAX_TAG_BYTES);

    /** A record's header, decoded. {@code expiresAt} is 0 when the key never expires. */
    record Header(long createdAt, long updatedAt, long version, long expiresAt, Set<String> tags, int valueOffset) {

        boolean expires() {
            return expiresAt != 0;
        }
    }

    /** Reads a big-endian long out of a record in place (no ByteBuffer per read). */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private RecordCodec() {
    }

    /** The creation time of an encoded record (epoch ms), read in place. */
    static long createdAt(String store, byte[] record) {
        check(store, record);
        return (long) LONG.get(record, 2);
    }

    /** The update time of an encoded record (epoch ms), read in place. */
    static long updatedAt(String store, byte[] record) {
        check(store, record);
        return (long) LONG.get(record, 2 + Long.BYTES);
    }

    /** The put count of an encoded record, read in place. */
    static long version(String store, byte[] record) {
        check(store, record);
        return (long) LONG.get(record, 2 + 2 * Long.BYTES);
    }

    /** The tags of an encoded record: the shared empty set, without decoding the header, when it has none. */
    static Set<String> tags(String store, byte[] record) {
        check(store, record);
        return (record[1] & FLAG_TAGS) == 0 ? Set.of()
                : java.util.Collections.unmodifiableSet(header(store, record).tags());
    }

    static byte[] encode(long createdAt, long updatedAt, long version, long expiresAt, Set<String> tags,
            byte[] value) {
        int flags = (expiresAt != 0 ? FLAG_EXPIRES : 0) | (tags.isEmpty() ? 0 : FLAG_TAGS);
        int size = FIXED_HEADER + (expiresAt != 0 ? Long.BYTES : 0) + value.length;
        byte[][] tagBytes = new byte[tags.size()][];
        if (!tags.isEmpty()) {
            size += 1;
            int i = 0;
            for (String tag : tags) {
                tagBytes[i] = tag.getBytes(StandardCharsets.UTF_8);
                size += 1 + tagBytes[i++].length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT_2).put((byte) flags)
                .putLong(createdAt).putLong(updatedAt).putLong(version);
        if (expiresAt != 0) {
            out.putLong(expiresAt);
        }
        if (!tags.isEmpty()) {
            out.put((byte) tags.size());
            for (byte[] tag : tagBytes) {
                out.put((byte) tag.length).put(tag);
            }
        }
        return out.put(value).array();
    }

    /** The expiry time of an encoded record, 0 when it never expires; reads the flags and 8 bytes at most. */
    static long expiresAt(String store, byte[] record) {
        check(store, record);
        return (record[1] & FLAG_EXPIRES) == 0 ? 0 : (long) LONG.get(record, FIXED_HEADER);
    }

    /** Where the value starts: the header's size. */
    static int valueOffset(String store, byte[] record) {
        check(store, record);
        int flags = record[1];
        if ((flags & FLAG_TAGS) == 0) {
            return FIXED_HEADER + ((flags & FLAG_EXPIRES) != 0 ? Long.BYTES : 0);
        }
        return header(store, record).valueOffset();
    }

    static byte[] value(String store, byte[] record) {
        return Arrays.copyOfRange(record, valueOffset(store, record), record.length);
    }

    static Header header(String store, byte[] record) {
        check(store, record);
        try {
            ByteBuffer in = ByteBuffer.wrap(record);
            in.position(2);
            int flags = record[1];
            long created = in.getLong();
            long updated = in.getLong();
            long version = in.getLong();
            long expires = (flags & FLAG_EXPIRES) != 0 ? in.getLong() : 0;
            Set<String> tags = Set.of();
            if ((flags & FLAG_TAGS) != 0) {
                int count = Byte.toUnsignedInt(in.get());
                Set<String> read = new LinkedHashSet<>();
                for (int i = 0; i < count; i++) {
                    byte[] tag = new byte[Byte.toUnsignedInt(in.get())];
                    in.get(tag);
                    read.add(new String(tag, StandardCharsets.UTF_8));
                }
                tags = read;
            }
            return new Header(created, updated, version, expires, tags, in.position());
        } catch (java.nio.BufferUnderflowException e) {
            throw damaged(store, record, "its header is cut short");
        }
    }

    private static void check(String store, byte[] record) {
        if (record.length < FIXED_HEADER || record[0] != FORMAT_2) {
            throw damaged(store, record, record.length == 0 ? "it is empty"
                    : "format byte " + record[0] + " or length " + record.length + " is not a format-2 record");
        }
    }

    private static CorruptionException damaged(String store, byte[] record, String why) {
        return new CorruptionException("store '" + store + "': a value record of " + record.length
                + " bytes cannot be read: " + why, null, -1);
    }
}
