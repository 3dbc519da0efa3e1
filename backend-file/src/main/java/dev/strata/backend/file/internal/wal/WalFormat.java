package dev.strata.backend.file.internal.wal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.Checksums;

/**
 * The layout of log files. A file starts with a 16-byte header ({@code "STRWAL02"}, u64 file number); then
 * records, one per committed transaction:
 *
 * <pre>
 * offset  size
 *  0      4   payload length
 *  4      8   sequence number of the transaction
 * 12      4   CRC32C of the payload
 * 16      4   CRC32C of bytes 0..15 (so a damaged length is told apart from a torn tail)
 * 20      n   payload ({@link WalCodec})
 * 20+n    4   end mark: 5A A5 3C C3
 * </pre>
 * With {@code fsync} durability the file is zero-filled ahead of the records (see {@link WalWriter}), so a write
 * cut short by a crash leaves zeros where the rest of its end mark belongs, and replay can tell it from a record
 * that was complete and changed afterwards (whose end mark is still there): the first is a torn tail, the second
 * damage. Every byte of the mark has four bits set, so no single flipped bit makes a complete mark look cut short.
 * Log files that are no longer written to are cut to their last record.
 */
public final class WalFormat {

    public static final int FILE_HEADER_BYTES = 16;
    public static final int RECORD_HEADER_BYTES = 20;
    public static final int RECORD_TRAILER_BYTES = 4;
    static final byte[] MAGIC = "STRWAL02".getBytes(StandardCharsets.US_ASCII);

    private WalFormat() {
    }

    public static String fileName(long number) {
        return String.format("wal-%012d.log", number);
    }

    /** A log file being created: renamed to {@link #fileName} once its header is forced. */
    public static String tempFileName(long number) {
        return fileName(number) + ".tmp";
    }

    /** The number of a log file name, or -1 when the name is not one. */
    public static long numberOf(String fileName) {
        return parse(fileName, "wal-", ".log");
    }

    static long parse(String name, String prefix, String suffix) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(prefix.length(), name.length() - suffix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The number of a segment file name ({@code seg-<n>.sst}), or -1. */
    public static long segmentNumberOf(String fileName) {
        return parse(fileName, "seg-", ".sst");
    }

    static byte[] fileHeader(long number) {
        byte[] header = new byte[FILE_HEADER_BYTES];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        ByteSink.putLong(header, 8, number);
        return header;
    }

    /** Bytes a record with a payload of {@code payloadLength} bytes takes in the file. */
    public static long recordBytes(int payloadLength) {
        return RECORD_HEADER_BYTES + (long) payloadLength + RECORD_TRAILER_BYTES;
    }

    private static final byte[] END_MARK = {0x5A, (byte) 0xA5, 0x3C, (byte) 0xC3};

    /** The end mark that follows every record's payload. */
    public static byte[] recordTrailer() {
        return END_MARK.clone();
    }

    /** Whether {@code bytes[offset, offset + 4)} is the end mark. */
    static boolean isEndMark(byte[] bytes, int offset) {
        return Arrays.equals(bytes, offset, offset + END_MARK.length, END_MARK, 0, END_MARK.length);
    }

    /** Whether {@code bytes[offset, offset + 4)} is the start of the end mark, then zeros: a write that stopped in it. */
    static boolean isCutShortEndMark(byte[] bytes, int offset) {
        int k = 0;
        while (k < END_MARK.length && bytes[offset + k] == END_MARK[k]) {
            k++;
        }
        for (int i = k; i < END_MARK.length; i++) {
            if (bytes[offset + i] != 0) {
                return false;
            }
        }
        return k < END_MARK.length;
    }

    public static byte[] recordHeader(int payloadLength, long seq, int payloadCrc) {
        byte[] header = new byte[RECORD_HEADER_BYTES];
        ByteSink.putInt(header, 0, payloadLength);
        ByteSink.putLong(header, 4, seq);
        ByteSink.putInt(header, 12, payloadCrc);
        ByteSink.putInt(header, 16, Checksums.crc32c(header, 0, 16));
        return header;
    }
}
