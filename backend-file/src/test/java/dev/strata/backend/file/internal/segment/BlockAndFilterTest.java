package dev.strata.backend.file.internal.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

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
        assertTrue(falsePositives < 2 * n * 0.03, "false positive rate: " + falsePositives / (2.0 * n));
    }
}
