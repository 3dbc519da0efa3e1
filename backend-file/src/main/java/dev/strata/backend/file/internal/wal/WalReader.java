package dev.strata.backend.file.internal.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.BiConsumer;

import dev.strata.api.CorruptionException;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.Checksums;
import dev.strata.backend.file.internal.format.MalformedDataException;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.io.IoFailures;

/**
 * Replays one log file, record by record, up to the last complete transaction. The rules:
 * <ul>
 * <li>zeros from a record boundary to the end of the file are the end of the log (space zero-filled ahead of the
 * records), in the newest log file only;</li>
 * <li>a record cut short by the end of the file, or one with only zeros where its end mark belongs and after (its
 * header incomplete, or its end mark missing), is a <em>torn tail</em>: the write that made it never completed, its commit was never
 * acknowledged, and replay stops there quietly. Only the newest log file may have one;</li>
 * <li>anything else that fails a check (header checksum, payload checksum with the end mark present, a wrong end
 * mark, sequence order, decoding) is damage: replay stops before it and reports a {@link CorruptionException}
 * naming the file and the record's offset.</li>
 * </ul>
 */
public final class WalReader {

    /** Receives each complete transaction: its sequence number and its writes (value {@code null}: delete). */
    public interface TransactionSink {
        void transaction(long seq, java.util.List<byte[][]> writes);
    }

    /**
     * What a replay found.
     *
     * @param lastSeq   the sequence number of the last transaction replayed (the one before the file's first when none)
     * @param records   transactions replayed
     * @param tornAt    offset of a torn tail, or -1
     * @param damage    damage found, or {@code null}
     */
    public record Result(long lastSeq, long records, long tornAt, CorruptionException damage) {
    }

    private WalReader() {
    }

    /**
     * @param previousSeq the sequence number before this file's first record: records must continue it by one
     * @param newest      whether this is the newest log file (the only one that may have a torn tail)
     */
    public static Result replay(Path file, long number, long previousSeq, boolean newest, ChannelFactory channels,
            WalCodec codec, TransactionSink sink) {
        String name = file.toString();
        try (FileChannel channel = channels.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long seq = previousSeq;
            long records = 0;
            if (size < WalFormat.FILE_HEADER_BYTES) {
                // a log file gets its name only once its header is on disk (WalWriter.create): a shorter one lost
                // bytes after that, so records it held, acknowledged ones included, may be gone
                return new Result(seq, 0, -1, new CorruptionException("log file is shorter than its header ("
                        + size + " bytes): it was cut after creation, records it held are lost", name, size));
            }
            byte[] fileHeader = read(channel, 0, WalFormat.FILE_HEADER_BYTES);
            if (!Arrays.equals(Arrays.copyOf(fileHeader, 8), WalFormat.MAGIC) || ByteSink.readLong(fileHeader, 8) != number) {
                return new Result(seq, 0, -1, new CorruptionException("log file header is wrong", name, 0));
            }
            long position = WalFormat.FILE_HEADER_BYTES;
            while (position < size) {
                long remaining = size - position;
                if (remaining < WalFormat.RECORD_HEADER_BYTES) {
                    return torn(seq, records, position, newest, name);
                }
                byte[] header = read(channel, position, WalFormat.RECORD_HEADER_BYTES);
                if (Checksums.crc32c(header, 0, 16) != ByteSink.readInt(header, 16)) {
                    // a complete record has a non-zero end mark after its header: only zeros after it means the
                    // write stopped inside the header (or never began, when the header is zeros too)
                    if (zeroFrom(channel, position + WalFormat.RECORD_HEADER_BYTES, size)) {
                        if (!allZero(header)) {
                            return torn(seq, records, position, newest, name);
                        }
                        return newest ? new Result(seq, records, -1, null)
                                : damaged(seq, records, "log file ends in zeros but a newer log file follows", name,
                                        position);
                    }
                    return damaged(seq, records, "log record header checksum mismatch", name, position);
                }
                int length = ByteSink.readInt(header, 0);
                long recordSeq = ByteSink.readLong(header, 4);
                if (length < 0) {
                    return damaged(seq, records, "log record length is negative", name, position);
                }
                if (WalFormat.recordBytes(length) > remaining) {
                    return torn(seq, records, position, newest, name);
                }
                if (recordSeq != seq + 1) {
                    return damaged(seq, records, "log record has sequence number " + recordSeq + ", expected "
                            + (seq + 1) + " (records are missing or out of order)", name, position);
                }
                // the payload and its end mark, in one read
                byte[] payload = read(channel, position + WalFormat.RECORD_HEADER_BYTES,
                        length + WalFormat.RECORD_TRAILER_BYTES);
                long recordEnd = position + WalFormat.recordBytes(length);
                if (WalFormat.isCutShortEndMark(payload, length) && zeroFrom(channel, recordEnd, size)) {
                    return torn(seq, records, position, newest, name); // the write never reached its end
                }
                if (Checksums.crc32c(payload, 0, length) != ByteSink.readInt(header, 12)) {
                    return damaged(seq, records, "log record checksum mismatch", name, position);
                }
                if (!WalFormat.isEndMark(payload, length)) {
                    return damaged(seq, records, "log record end mark is wrong", name, position);
                }
                java.util.List<byte[][]> writes = new java.util.ArrayList<>();
                try {
                    codec.decode(payload, length, number, position, recordSeq,
                            (key, value) -> writes.add(new byte[][] {key, value}));
                } catch (MalformedDataException e) {
                    return damaged(seq, records, "log record does not decode: " + e.getMessage(), name, position);
                }
                sink.transaction(recordSeq, writes);
                seq = recordSeq;
                records++;
                position = recordEnd;
            }
            return new Result(seq, records, -1, null);
        } catch (IOException e) {
            throw IoFailures.failed("reading the log", file, e);
        }
    }

    /** A record cut off by the end of the file, or without its end mark: a write that never completed. */
    private static Result torn(long seq, long records, long position, boolean newest, String name) {
        if (!newest) {
            return damaged(seq, records, "log file ends inside a record but a newer log file follows", name, position);
        }
        return new Result(seq, records, position, null);
    }

    private static boolean zeroFrom(FileChannel channel, long position, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (long at = position; at < size; ) {
            buffer.clear();
            int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
            at += n;
        }
        return true;
    }

    private static Result damaged(long seq, long records, String message, String name, long position) {
        return new Result(seq, records, -1, new CorruptionException(message, name, position));
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("log file ended while reading at " + position);
            }
        }
        return bytes;
    }
}
