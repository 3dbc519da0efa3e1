package dev.strata.backend.file.internal.format;

import java.util.zip.CRC32C;

/** CRC32C (hardware-accelerated in the JDK) over byte ranges: the checksum of every record, block and header. */
public final class Checksums {

    private Checksums() {
    }

    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** A CRC over two ranges, as if they were one (a header and the body it describes). */
    public static int crc32c(byte[] first, int firstOffset, int firstLength, byte[] second, int secondOffset,
            int secondLength) {
        CRC32C crc = new CRC32C();
        crc.update(first, firstOffset, firstLength);
        crc.update(second, secondOffset, secondLength);
        return (int) crc.getValue();
    }
}
