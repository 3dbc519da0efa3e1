package dev.strata.api.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LastWritesTest {

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Keys whose home slot in an empty table (16 slots) is the same: a probe run. */
    private static List<byte[]> sameHome(LastWrites table, int count) {
        Map<Integer, List<byte[]>> byHome = new HashMap<>();
        for (int i = 0;; i++) {
            byte[] key = key("k" + i);
            List<byte[]> run = byHome.computeIfAbsent(table.hash(key) & 15, home -> new ArrayList<>());
            run.add(key);
            if (run.size() == count) {
                return run;
            }
        }
    }

    @Test
    void remembersTheLastWriteOfEachKeyAndNothingElse() {
        LastWrites table = new LastWrites(1);
        table.put(key("a"), 1);
        table.put(key("b"), 2);
        table.put(key("a"), 3); // a later write replaces the earlier one
        assertEquals(3, table.get(key("a")));
        assertEquals(2, table.get(key("b")));
        assertEquals(LastWrites.NONE, table.get(key("c")));
        assertEquals(2, table.size());
    }

    @Test
    void keysSharingAHomeSlotAreAllFound() {
        LastWrites table = new LastWrites(7);
        List<byte[]> run = sameHome(table, 5);
        for (int i = 0; i < run.size(); i++) {
            table.put(run.get(i).clone(), 10 + i);
        }
        for (int i = 0; i < run.size(); i++) {
            assertEquals(10 + i, table.get(run.get(i)));
        }
    }

    @Test
    void removingTheHeadOfAProbeRunShiftsTheRestBack() {
        LastWrites table = new LastWrites(7);
        List<byte[]> run = sameHome(table, 4);
        for (int i = 0; i < run.size(); i++) {
            table.put(run.get(i).clone(), 10 + i);
        }
        assertTrue(table.removeIfLast(run.get(0), 10));
        // without the backward shift the hole at the home slot would end every lookup of the run
        assertEquals(LastWrites.NONE, table.get(run.get(0)));
        for (int i = 1; i < run.size(); i++) {
            assertEquals(10 + i, table.get(run.get(i)), "key " + i + " of the run");
        }
        assertTrue(table.removeIfLast(run.get(2), 12)); // from the middle too
        assertEquals(11, table.get(run.get(1)));
        assertEquals(13, table.get(run.get(3)));
        assertEquals(2, table.size());
    }

    @Test
    void aLaterWriteKeepsTheKeyWhenTheEarlierCommitIsForgotten() {
        LastWrites table = new LastWrites(3);
        table.put(key("x"), 5);
        table.put(key("x"), 9);
        assertFalse(table.removeIfLast(key("x"), 5));
        assertEquals(9, table.get(key("x")));
        assertTrue(table.removeIfLast(key("x"), 9));
        assertEquals(LastWrites.NONE, table.get(key("x")));
        assertFalse(table.removeIfLast(key("x"), 9));
    }

    @Test
    void growsAndShrinksWithWhatItRemembersAndAgreesWithAMapThroughout() {
        LastWrites table = new LastWrites(42);
        Map<String, Long> expected = new HashMap<>();
        Random random = new Random(5);
        for (long seq = 1; seq <= 20_000; seq++) {
            String k = "key-" + random.nextInt(3_000);
            table.put(key(k), seq);
            expected.put(k, seq);
            if (random.nextInt(3) == 0) { // forget a random key's write when it was its last
                String old = "key-" + random.nextInt(3_000);
                Long last = expected.get(old);
                if (last != null && random.nextBoolean()) {
                    assertTrue(table.removeIfLast(key(old), last));
                    expected.remove(old);
                } else {
                    assertFalse(table.removeIfLast(key(old), seq + 1));
                }
            }
        }
        assertEquals(expected.size(), table.size());
        assertTrue(table.capacity() >= 2 * expected.size(), "at most half full");
        for (int i = 0; i < 3_000; i++) {
            Long last = expected.get("key-" + i);
            assertEquals(last == null ? LastWrites.NONE : last, table.get(key("key-" + i)), "key-" + i);
        }
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            assertTrue(table.removeIfLast(key(e.getKey()), e.getValue()));
        }
        assertEquals(0, table.size());
        assertEquals(16, table.capacity(), "shrinks back once pruned");
    }

    @Test
    void theSeedChangesWhichKeysCollide() {
        byte[] key = key("same key");
        assertNotEquals(new LastWrites(1).hash(key), new LastWrites(2).hash(key));
        assertEquals(new LastWrites(1).hash(key), new LastWrites(1).hash(key.clone()));
        // keys of every length up to two words hash from all their bytes
        LastWrites table = new LastWrites(9);
        for (int length = 1; length <= 17; length++) {
            byte[] a = new byte[length];
            byte[] b = new byte[length];
            b[length - 1] = 1;
            assertNotEquals(table.hash(a), table.hash(b), "length " + length);
        }
    }
}
