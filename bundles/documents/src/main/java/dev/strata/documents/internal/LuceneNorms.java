package dev.strata.documents.internal;

/**
 * Field lengths rounded the way Lucene keeps them in its one-byte norms ({@code SmallFloat.intToByte4} and back):
 * exact below 24, then four significant bits. BM25 over rounded lengths ranks as Lucene does, the reference the
 * layer's full-text ranking is checked against.
 */
final class LuceneNorms {

    private static final int MAX_INT4 = longToInt4(Integer.MAX_VALUE);
    private static final int NUM_FREE_VALUES = 255 - MAX_INT4;

    private LuceneNorms() {
    }

    static int quantize(int length) {
        return byte4ToInt(intToByte4(length));
    }

    private static int longToInt4(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value);
        if (bits < 4) {
            return (int) value;
        }
        int shift = bits - 4;
        int encoded = (int) (value >>> shift) & 0x07;
        return encoded | (shift + 1) << 3;
    }

    private static long int4ToLong(int value) {
        long bits = value & 0x07;
        int shift = (value >>> 3) - 1;
        return shift == -1 ? bits : (bits | 0x08) << shift;
    }

    private static int intToByte4(int value) {
        return value < NUM_FREE_VALUES ? value : NUM_FREE_VALUES + longToInt4(value - NUM_FREE_VALUES);
    }

    private static int byte4ToInt(int encoded) {
        if (encoded < NUM_FREE_VALUES) {
            return encoded;
        }
        return (int) Math.min(NUM_FREE_VALUES + int4ToLong(encoded - NUM_FREE_VALUES), Integer.MAX_VALUE);
    }
}
