package dev.strata.backend.file.internal.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.strata.backend.file.internal.format.MalformedDataException;

import org.junit.jupiter.api.Test;

/** Data blocks search and decode what was built; Bloom filters never miss a key and rarely admit others. */
class BlockAndFilterTest {

    private static byte[] key(int i) {
        return String.format("key%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aBlockFindsEveryKeyAndReportsTombstones() {
        DataBlockBuilder builder = new DataBlockBuilder(4096);
        for (int i = 0; i < 100; i += 2) {
            builder.add(key(i), 1000 + i, i % 10 == 0 ? null : ("v" + i).getBytes(StandardCharsets.US_ASCII));
        }
        DataBlock block = DataBlock.parse(builder.finish());
        assertEquals(50, block.count());
        DataBlock.Cursor entry = new DataBlock.Cursor();
        for (int i = 0; i < 100; i++) {
            boolean found = block.readIfKey(block.seek(key(i)), key(i), entry);
            assertEquals(i % 2 == 0, found, "key " + i);
            if (found) {
                assertArrayEquals(key(i), entry.key());
                assertEquals(1000 + i, entry.seq());
                if (i % 10 == 0) {
                    assertNull(entry.value(), "a tombstone");
                } else {
                    assertArrayEquals(("v" + i).getBytes(StandardCharsets.US_ASCII), entry.value());
                }
            }
        }
        assertEquals(block.count(), block.seek(key(1000)), "past the last key");
    }

    @Test
    void aDamagedBlockIsRejectedWhenParsed() {
        DataBlockBuilder builder = new DataBlockBuilder(4096);
        builder.add(key(1), 1, new byte[] {1});
        builder.add(key(2), 2, new byte[] {2});
        byte[] raw = builder.finish();
        raw[raw.length - 1] = 9; // entry count
        assertThrows(MalformedDataException.class, () -> DataBlock.parse(raw));
    }

    @Test
    void theBloomFilterHasNoFalseNegativesAndFewFalsePositives() {
        int n = 20_000;
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = BloomFilter.hash(key(i));
        }
        BloomFilter filter = BloomFilter.decode(BloomFilter.of(hashes, n, 10).encode());
        for (int i = 0; i < n; i++) {
            assertTrue(filter.mightContain(BloomFilter.hash(key(i))));
        }
        int falsePositives = 0;
        for (int i = n; i < 3 * n; i++) {
            if (filter.mightContain(BloomFilter.hash(key(i)))) {
                falsePositives++;
            }
        }
        assertTrue(falsePositives < 2 * n * 0.02, "false positive rate: " + falsePositives / (2.0 * n));
    }

    /**
     * Keys that tie on their first eight bytes, keys shorter than eight bytes, keys that differ only by trailing
     * zero bytes and keys with bytes above 0x7F: the prefix search must order them all as unsigned byte strings.
     */
    @Test
    void searchesOrderKeysThatTieOrEndWithinTheirPrefix() {
        byte[][] sorted = {
            {}, {0}, {0, 0}, {1}, {1, 0}, {1, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0, 0, 0},
            {1, 0, 0, 0, 0, 0, 0, 0, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 11},
            {1, 2, 3, 4, 5, 6, 7, 9}, {(byte) 0x7F}, {(byte) 0x80}, {(byte) 0xFF, (byte) 0xFF},
            {(byte) 0xFF, (byte) 0xFF, 0}
        };
        DataBlockBuilder builder = new DataBlockBuilder(4096);
        for (int i = 1; i < sorted.length; i++) { // a block holds non-empty keys; the empty one is only searched for
            builder.add(sorted[i], i, new byte[] {(byte) i});
        }
        DataBlock block = DataBlock.parse(builder.finish());
        DataBlock.Cursor entry = new DataBlock.Cursor();
        for (int i = 1; i < sorted.length; i++) {
            assertEquals(i - 1, block.seek(sorted[i]), "seek " + i);
            assertTrue(block.readIfKey(block.seek(sorted[i]), sorted[i], entry), "find " + i);
            assertArrayEquals(new byte[] {(byte) i}, entry.value());
        }
        assertEquals(0, block.seek(sorted[0]));
        assertEquals(block.count(), block.seek(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0}));
        assertFalse(block.readIfKey(block.seek(new byte[] {1, 0, 0}), new byte[] {1, 0, 0}, entry), "absent key");

        byte[][] lastKeys = Arrays.copyOfRange(sorted, 1, sorted.length);
        long[] offsets = new long[lastKeys.length];
        int[] lengths = new int[lastKeys.length];
        Arrays.fill(lengths, 1);
        BlockIndex index = new BlockIndex(lastKeys, offsets, lengths, lastKeys[0]);
        for (int i = 1; i < sorted.length; i++) {
            assertEquals(i - 1, index.find(sorted[i]), "index " + i);
        }
        assertEquals(4, index.find(new byte[] {1, 0, 0}), "{1, 0, 0} lies between {1, 0} and {1, 0, 0, 0, 0, 0, 0, 0}");
        assertEquals(lastKeys.length, index.find(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0}));
    }

    @Test
    void aFilterKeepsNoFalseNegativesWhenFilledFarBeyondItsSize() {
        BloomFilter filter = BloomFilter.empty(100, 10);
        for (int i = 0; i < 10_000; i++) {
            filter.add(BloomFilter.hash(key(i)));
        }
        for (int i = 0; i < 10_000; i++) {
            assertTrue(filter.mightContain(BloomFilter.hash(key(i))));
        }
    }

    @Test
    void aFilterWithoutTheBlockedLayoutFlagIsRefused() {
        byte[] raw = BloomFilter.of(new long[] {1, 2, 3}, 3, 10).encode();
        raw[0] &= 0x7F;
        assertThrows(MalformedDataException.class, () -> BloomFilter.decode(raw));
    }
}
