package dev.strata.backend.file.internal.wal;

import java.nio.charset.StandardCharsets;

import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.Checksums;

/**
 * The layout of log files. A file starts with a 16-byte header ({@code "STRWAL01"}, u64 file number); then
 * records, one per committed transaction:
 *
 * <pre>
 * offset  size
 *  0      4   payload length
 *  4      8   sequence number of the transaction
 * 12      4   CRC32C of the payload
 * 16      4   CRC32C of bytes 0..15 (so a damaged length is told apart from a torn tail)
 * 20      n   payload ({@link WalCodec})
 * </pre>
 */
public final class WalFormat {

    public static final int FILE_HEADER_BYTES = 16;
    public static final int RECORD_HEADER_BYTES = 20;
    static final byte[] MAGIC = "STRWAL01".getBytes(StandardCharsets.US_ASCII);

    private WalFormat() {
    }

    public static String fileName(long number) {
        return String.format("wal-%012d.log", number);
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

    static byte[] recordHeader(int payloadLength, long seq, int payloadCrc) {
        byte[] header = new byte[RECORD_HEADER_BYTES];
        ByteSink.putInt(header, 0, payloadLength);
        ByteSink.putLong(header, 4, seq);
        ByteSink.putInt(header, 12, payloadCrc);
        ByteSink.putInt(header, 16, Checksums.crc32c(header, 0, 16));
        return header;
    }
}
