package dev.strata.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.KeyRange;

/**
 * Core's own records in an engine, beside the user's keys. User keys are Java strings encoded as UTF-8
 * ({@link Keys}), and valid UTF-8 never contains the bytes {@code 0xF5..0xFF}, so every engine key that starts with
 * {@code 0xFF} is core's: it can never collide with a user key, and capping every user scan below {@link #USER_END}
 * ({@link ScanPlan}) keeps these records out of every user read.
 * <ul>
 * <li>{@link #FORMAT_MARKER} ({@code FF 'f'}): the store's record format ({@link StoreFormat}).</li>
 * <li>The expiry index ({@code FF 'x'} + expiresAt as 8 bytes big-endian + the user key): one entry per key with a
 * time to live, ordered by expiry time then key, written in the same transaction as the key's record. Its value is
 * empty, or the whole user key when the key is too long to fit the index key (then the index key ends with the first
 * bytes of the user key and 8 bytes of its SHA-256, so it stays unique and under the engine's key limit).</li>
 * <li>The tag index ({@code FF 't'} + the tag's length (1 byte) + the tag's UTF-8 bytes + the user key): one entry
 * per tag of a key, written in the same transaction as the key's record (like the expiry index, and with the same
 * tail for a user key too long to fit).</li>
 * <li>The change feed ({@link ChangeJournal}): {@code FF 'c'} + the commit's feed position (8 bytes big-endian), one
 * entry per commit written in that commit, and {@link #CHANGES_TRIMMED} ({@code FF 'd'}), the highest position its
 * retention dropped, and {@link #CHANGES_ORIGIN} ({@code FF 'o'}), the position before its first.</li>
 * <li>While an older store's record format is upgraded online ({@link StoreFormat}): {@code FF 'u'} + a user key at
 * or above the upgrade's watermark that a writer has already written as a format-2 record (value empty, or the whole
 * user key when it did not fit, as for the indexes).</li>
 * </ul>
 */
final class CoreKeys {

    /** The exclusive upper end of the user key space: no UTF-8 string starts with 0xFF. */
    static final byte[] USER_END = {(byte) 0xFF};
    static final byte[] FORMAT_MARKER = {(byte) 0xFF, 'f'};
    static final byte[] CHANGES_TRIMMED = {(byte) 0xFF, 'd'};
    /** The change feed's origin: the position before its first (8 bytes), chosen when the feed began. */
    static final byte[] CHANGES_ORIGIN = {(byte) 0xFF, 'o'};
    private static final byte[] CHANGE_PREFIX = {(byte) 0xFF, 'c'};
    private static final byte[] EXPIRY_PREFIX = {(byte) 0xFF, 'x'};
    private static final byte[] TAG_PREFIX = {(byte) 0xFF, 't'};
    private static final byte[] UPGRADED_PREFIX = {(byte) 0xFF, 'u'};
    private static final int EXPIRY_HEADER = EXPIRY_PREFIX.length + Long.BYTES;
    private static final int HASH_BYTES = 8;

    private CoreKeys() {
    }

    /** The expiry index key of a user key expiring at {@code expiresAt} (epoch milliseconds). */
    static byte[] expiryKey(long expiresAt, byte[] userKey) {
        return withTail(ByteBuffer.allocate(EXPIRY_HEADER).put(EXPIRY_PREFIX).putLong(expiresAt).array(), userKey);
    }

    /** The value stored under an expiry index key: empty, or the whole user key when it did not fit. */
    static byte[] expiryValue(byte[] userKey) {
        return tailValue(EXPIRY_HEADER, userKey);
    }

    /** The tag index key of a user key carrying {@code tag}. */
    static byte[] tagKey(String tag, byte[] userKey) {
        return withTail(tagHead(tag), userKey);
    }

    /** The value stored under a tag index key: empty, or the whole user key when it did not fit. */
    static byte[] tagValue(String tag, byte[] userKey) {
        return tailValue(tagHead(tag).length, userKey);
    }

    /** The user key a tag index entry of {@code tag} stands for. */
    static byte[] tagUserKey(String tag, byte[] indexKey, byte[] indexValue) {
        return indexValue.length > 0 ? indexValue : Arrays.copyOfRange(indexKey, tagHead(tag).length, indexKey.length);
    }

    /** Every tag index entry of {@code tag}. */
    static KeyRange tagged(String tag) {
        return KeyRange.prefix(tagHead(tag));
    }

    private static byte[] tagHead(String tag) {
        byte[] bytes = tag.getBytes(StandardCharsets.UTF_8); // at most PutOptions.MAX_TAG_BYTES (255)
        return ByteBuffer.allocate(TAG_PREFIX.length + 1 + bytes.length).put(TAG_PREFIX).put((byte) bytes.length)
                .put(bytes).array();
    }

    /** {@code head} + the user key, or, when that is too long for an engine key, its first bytes and a hash. */
    private static byte[] withTail(byte[] head, byte[] userKey) {
        int room = ByteKeys.MAX_KEY_BYTES - head.length;
        byte[] tail = userKey.length <= room ? userKey
                : concat(Arrays.copyOf(userKey, room - HASH_BYTES), Arrays.copyOf(sha256(userKey), HASH_BYTES));
        return concat(head, tail);
    }

    private static byte[] tailValue(int headLength, byte[] userKey) {
        return userKey.length <= ByteKeys.MAX_KEY_BYTES - headLength ? new byte[0] : userKey.clone();
    }

    static long expiryTime(byte[] indexKey) {
        return ByteBuffer.wrap(indexKey, EXPIRY_PREFIX.length, Long.BYTES).getLong();
    }

    /** The user key an index entry stands for. */
    static byte[] expiryUserKey(byte[] indexKey, byte[] indexValue) {
        return indexValue.length > 0 ? indexValue : Arrays.copyOfRange(indexKey, EXPIRY_HEADER, indexKey.length);
    }

    /** Every index entry that expires at or before {@code now}. */
    static KeyRange expiredBy(long now) {
        return new KeyRange(EXPIRY_PREFIX, ByteBuffer.allocate(EXPIRY_HEADER).put(EXPIRY_PREFIX).putLong(now + 1).array());
    }

    /** Every index entry that expires after {@code now}. */
    static KeyRange expiringAfter(long now) {
        return new KeyRange(ByteBuffer.allocate(EXPIRY_HEADER).put(EXPIRY_PREFIX).putLong(now + 1).array(),
                ByteKeys.prefixEnd(EXPIRY_PREFIX));
    }

    /** The entry saying a user key above the format upgrade's watermark is already a format-2 record. */
    static byte[] upgradedKey(byte[] userKey) {
        return withTail(UPGRADED_PREFIX, userKey);
    }

    static byte[] upgradedValue(byte[] userKey) {
        return tailValue(UPGRADED_PREFIX.length, userKey);
    }

    /** Every entry of {@link #upgradedKey}. */
    static KeyRange allUpgraded() {
        return KeyRange.prefix(UPGRADED_PREFIX);
    }

    /** The change feed entry of the commit at feed position {@code position}. */
    static byte[] changeKey(long position) {
        return ByteBuffer.allocate(CHANGE_PREFIX.length + Long.BYTES).put(CHANGE_PREFIX).putLong(position).array();
    }

    static long changePosition(byte[] changeKey) {
        return ByteBuffer.wrap(changeKey, CHANGE_PREFIX.length, Long.BYTES).getLong();
    }

    /** Every change feed entry after {@code after} up to {@code through}, both feed positions. */
    static KeyRange changesBetween(long after, long through) {
        return new KeyRange(changeKey(after + 1), changeKey(through + 1));
    }

    /** Every change feed entry. */
    static KeyRange allChanges() {
        return new KeyRange(CHANGE_PREFIX, ByteKeys.prefixEnd(CHANGE_PREFIX));
    }

    static String display(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
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
