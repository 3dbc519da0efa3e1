package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys over a two-letter alphabet are prefixes of one another all the time, which is where Xodus's Patricia
 * {@code getPrev} goes out of order: every range, both directions, committed and uncommitted, matches a sorted set.
 */
class PatriciaReverseWalkTest {

    @TempDir
    Path directory;

    @Test
    void cursorsMatchSortedOrderOnKeysThatArePrefixesOfEachOther() {
        Random random = new Random(11);
        NavigableSet<String> expected = new TreeSet<>();
        try (StorageEngine engine = new XodusBackend().open(config(directory))) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < 300; i++) {
                    String key = randomKey(random);
                    tx.put(bytes(key), bytes(key));
                    expected.add(key);
                }
                tx.commit();
            }
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                compareRanges(tx, expected, random);
            }
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < 60; i++) {
                    String key = randomKey(random);
                    if (random.nextBoolean()) {
                        tx.put(bytes(key), bytes(key));
                        expected.add(key);
                    } else {
                        tx.delete(bytes(key));
                        expected.remove(key);
                    }
                }
                compareRanges(tx, expected, random);
                tx.abort();
            }
        }
    }

    /** The model-based test's find: a key that is a prefix of every other key was dropped by descending scans. */
    @Test
    void aDescendingScanKeepsAKeyThatIsAPrefixOfEveryOtherKey() {
        List<List<String>> stores = List.of(List.of("p", "pa"), List.of("p", "pa", "pb"), List.of("p", "pa", "pab"),
                List.of("o", "p", "pa", "q"), List.of("p", "pp", "ppp"));
        int n = 0;
        for (List<String> keys : stores) {
            try (StorageEngine engine = new XodusBackend().open(config(directory.resolve("prefix-" + n++)))) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    keys.forEach(key -> tx.put(bytes(key), bytes(key)));
                    tx.commit();
                }
                NavigableSet<String> expected = new TreeSet<>(keys);
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                    for (String prefix : List.of("p", "pa", "o", "q")) {
                        List<String> matching = expected.descendingSet().stream().filter(key -> key.startsWith(prefix))
                                .toList();
                        assertEquals(matching, scan(tx, KeyRange.prefix(bytes(prefix)), true),
                                "descending prefix '" + prefix + "' over " + keys);
                    }
                    assertEquals(List.copyOf(expected.descendingSet()), scan(tx, KeyRange.ALL, true), keys.toString());
                }
            }
        }
    }

    private static void compareRanges(EngineTransaction tx, NavigableSet<String> expected, Random random) {
        assertEquals(List.copyOf(expected), scan(tx, KeyRange.ALL, false));
        assertEquals(List.copyOf(expected.descendingSet()), scan(tx, KeyRange.ALL, true));
        for (int i = 0; i < 200; i++) {
            String a = randomKey(random);
            String b = randomKey(random);
            String lower = a.compareTo(b) <= 0 ? a : b;
            String upper = a.compareTo(b) <= 0 ? b : a;
            KeyRange range = switch (i % 4) {
                case 0 -> new KeyRange(bytes(lower), bytes(upper));
                case 1 -> new KeyRange(null, bytes(upper));
                case 2 -> new KeyRange(bytes(lower), null);
                default -> KeyRange.prefix(bytes(lower));
            };
            List<String> inRange = new ArrayList<>();
            for (String key : expected) {
                if (range.contains(bytes(key))) {
                    inRange.add(key);
                }
            }
            assertEquals(inRange, scan(tx, range, false), "ascending " + range);
            List<String> descending = new ArrayList<>(inRange);
            java.util.Collections.reverse(descending);
            assertEquals(descending, scan(tx, range, true), "descending " + range);
        }
    }

    private static List<String> scan(EngineTransaction tx, KeyRange range, boolean reverse) {
        List<String> keys = new ArrayList<>();
        try (EngineCursor cursor = tx.cursor(range, reverse)) {
            while (cursor.next()) {
                assertEquals(Arrays.toString(cursor.key()), Arrays.toString(cursor.value()), "value belongs to its key");
                keys.add(new String(cursor.key(), StandardCharsets.US_ASCII));
            }
        }
        return keys;
    }

    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            key.append(random.nextBoolean() ? 'a' : 'b');
        }
        return key.toString();
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }
}
