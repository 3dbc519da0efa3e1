package dev.strata.documents.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary value of a posting block: the postings of one word in one field for the documents of one bucket, in id
 * order, each {@code varint idBytes, id (UTF-8), varint fieldLength, varint tf, tf varint position deltas}. A search
 * reads a word's postings as a few blocks instead of one key per document, and decodes positions only for phrases.
 */
final class PostingBlock {

    /** A posting: the document's length in the field, the word's frequency, and its positions (null if not read). */
    record Posting(int length, int tf, int[] positions) {
    }

    /** Receives the postings of a block as it is decoded. */
    interface Sink {
        void accept(String id, Posting posting);
    }

    private PostingBlock() {
    }

    /** The encoded posting of a document (everything after the id). */
    static byte[] posting(int fieldLength, int[] positions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + positions.length);
        writeVarint(out, fieldLength);
        writeVarint(out, positions.length);
        int previous = 0;
        for (int position : positions) {
            writeVarint(out, position - previous);
            previous = position;
        }
        return out.toByteArray();
    }

    /** The entries of a block by id, each the encoded posting (for a writer changing one of them). */
    static TreeMap<String, byte[]> entries(byte[] block) {
        TreeMap<String, byte[]> entries = new TreeMap<>();
        int[] at = {0};
        while (at[0] < block.length) {
            String id = readId(block, at);
            int start = at[0];
            readVarint(block, at);
            int tf = readVarint(block, at);
            for (int i = 0; i < tf; i++) {
                readVarint(block, at);
            }
            byte[] posting = new byte[at[0] - start];
            System.arraycopy(block, start, posting, 0, posting.length);
            entries.put(id, posting);
        }
        return entries;
    }

    static byte[] encode(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] id = e.getKey().getBytes(StandardCharsets.UTF_8);
            writeVarint(out, id.length);
            out.writeBytes(id);
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }

    /** Decodes every posting of a block into the sink; positions only when asked for. */
    static void read(byte[] block, boolean withPositions, Sink sink) {
        int[] at = {0};
        while (at[0] < block.length) {
            String id = readId(block, at);
            int length = readVarint(block, at);
            int tf = readVarint(block, at);
            int[] positions = withPositions ? new int[tf] : null;
            int position = 0;
            for (int i = 0; i < tf; i++) {
                if (withPositions) {
                    position += readVarint(block, at);
                    positions[i] = position;
                } else {
                    while (block[at[0]++] < 0) {
                        // skip the continuation bytes of a delta nobody reads
                    }
                }
            }
            sink.accept(id, new Posting(length, tf, positions));
        }
    }

    /**
     * Receives a block's postings undecoded as far as possible: where the id's UTF-8 bytes are, the field length and
     * the frequency (a scorer makes the id a String only for a posting it keeps).
     */
    interface RawSink {
        void accept(byte[] block, int idOffset, int idLength, int fieldLength, int tf);
    }

    /** How many postings a block holds. */
    static int count(byte[] block) {
        int count = 0;
        int[] at = {0};
        while (at[0] < block.length) {
            skipPosting(block, at);
            count++;
        }
        return count;
    }

    /** Every posting of a block, positions skipped, into the raw sink. */
    static void readRaw(byte[] block, RawSink sink) {
        int[] at = {0};
        while (at[0] < block.length) {
            int idLength = readVarint(block, at);
            int idOffset = at[0];
            at[0] += idLength;
            int length = readVarint(block, at);
            int tf = readVarint(block, at);
            skipVarints(block, at, tf);
            sink.accept(block, idOffset, idLength, length, tf);
        }
    }

    private static void skipPosting(byte[] block, int[] at) {
        int idLength = readVarint(block, at);
        at[0] += idLength;
        readVarint(block, at);
        skipVarints(block, at, readVarint(block, at));
    }

    private static void skipVarints(byte[] block, int[] at, int count) {
        for (int i = 0; i < count; i++) {
            while (block[at[0]++] < 0) {
                // continuation bytes
            }
        }
    }

    private static String readId(byte[] block, int[] at) {
        int length = readVarint(block, at);
        String id = new String(block, at[0], length, StandardCharsets.UTF_8);
        at[0] += length;
        return id;
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int readVarint(byte[] bytes, int[] at) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
