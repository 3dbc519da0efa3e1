package dev.strata.backend.file.internal.segment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.ByteSource;
import dev.strata.backend.file.internal.format.Checksums;
import dev.strata.backend.file.internal.format.MalformedDataException;

/**
 * The fixed-size end of a segment file, read first: where the index and the Bloom filter are, and what the
 * segment holds. Not encrypted (it holds no keys or values); checksummed.
 *
 * <pre>
 * "STRSEGFT", u64 index offset, u32 index frame length, u64 bloom offset, u32 bloom frame length,
 * u64 entries, u64 min seq, u64 max seq, u64 segment id, u32 CRC32C of the bytes before
 * </pre>
 */
record SegmentFooter(long indexOffset, int indexLength, long bloomOffset, int bloomLength, long entries,
        long minSeq, long maxSeq, long segmentId) {

    static final int BYTES = 68;
    /** The file header: magic and segment id. */
    static final int HEADER_BYTES = 16;
    static final byte[] HEADER_MAGIC = "STRSEG01".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC = "STRSEGFT".getBytes(StandardCharsets.US_ASCII);

    byte[] encode() {
        ByteSink sink = new ByteSink(BYTES);
        sink.write(MAGIC).writeLong(indexOffset).writeInt(indexLength).writeLong(bloomOffset).writeInt(bloomLength)
                .writeLong(entries).writeLong(minSeq).writeLong(maxSeq).writeLong(segmentId);
        sink.writeInt(Checksums.crc32c(sink.array(), 0, sink.size()));
        return sink.toByteArray();
    }

    static SegmentFooter decode(byte[] bytes, long fileSize) {
        if (bytes.length != BYTES || Checksums.crc32c(bytes, 0, BYTES - 4) != ByteSink.readInt(bytes, BYTES - 4)) {
            throw new MalformedDataException("segment footer checksum mismatch");
        }
        ByteSource source = new ByteSource(bytes, 0, BYTES - 4);
        if (!Arrays.equals(source.readBytes(MAGIC.length), MAGIC)) {
            throw new MalformedDataException("segment footer magic is wrong");
        }
        SegmentFooter footer = new SegmentFooter(source.readLong(), source.readInt(), source.readLong(),
                source.readInt(), source.readLong(), source.readLong(), source.readLong(), source.readLong());
        long dataEnd = fileSize - BYTES;
        if (footer.indexOffset < HEADER_BYTES || footer.indexLength <= 0
                || footer.bloomOffset != footer.indexOffset + footer.indexLength || footer.bloomLength <= 0
                || footer.bloomOffset + footer.bloomLength != dataEnd) {
            throw new MalformedDataException("segment footer points outside the file");
        }
        return footer;
    }
}
