package dev.strata.backend.file.internal.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import dev.strata.backend.file.internal.segment.BloomFilter;

import org.junit.jupiter.api.Test;

/** The memory table's key filter only ever skips keys the table lacks, even when it takes more keys than sized. */
class MemTableTest {

    private static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void findsEveryKeyItHoldsAndNoOther() {
        MemTable table = new MemTable(1, 64 << 10, 10); // sized for about 500 keys; takes 20 times that
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            table.put(key(i), i + 1, new byte[] {(byte) i}, 0);
        }
        for (int i = 0; i < n; i++) {
            MemTable.Version version = table.find(key(i), BloomFilter.hash(key(i)), Long.MAX_VALUE);
            assertArrayEquals(new byte[] {(byte) i}, version.value(), "key " + i);
            assertEquals(i + 1, table.newestSeq(key(i), BloomFilter.hash(key(i))));
        }
        for (int i = n; i < 2 * n; i++) {
            assertNull(table.find(key(i), BloomFilter.hash(key(i)), Long.MAX_VALUE), "absent key " + i);
            assertEquals(-1, table.newestSeq(key(i), BloomFilter.hash(key(i))));
        }
    }

    @Test
    void aSnapshotSeesTheVersionOfItsTime() {
        MemTable table = new MemTable(1, 1 << 20, 10);
        byte[] key = key(1);
        long hash = BloomFilter.hash(key);
        table.put(key, 5, new byte[] {5}, 0);
        table.put(key, 9, null, 0);
        assertNull(table.find(key, hash, 4), "before the first version");
        assertArrayEquals(new byte[] {5}, table.find(key, hash, 8).value());
        assertNull(table.find(key, hash, 9).value(), "the delete");
    }
}
