package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a commit reports: each key once, in first-write order, with its last write, however the writes came. */
class TouchedKeysTest {

    @Test
    void eachKeyOnceInFirstWriteOrderWithItsLastWrite() {
        TouchedKeys touched = new TouchedKeys();
        assertTrue(touched.isEmpty());
        touched.put("a", true);
        touched.put("b", true);
        touched.put("a", false);
        touched.putAll(new String[] {"c", "b", "d"});
        touched.put("d", false);
        touched.put("e", true);
        touched.putAll(new String[] {"a"});

        Map<String, Boolean> reported = new LinkedHashMap<>();
        touched.forEach(reported::put);
        assertEquals(List.of("a", "b", "c", "d", "e"), List.copyOf(reported.keySet()));
        assertEquals(Map.of("a", true, "b", true, "c", true, "d", false, "e", true), reported);
    }

    @Test
    void singleWritesAloneAreReportedAsWritten() {
        TouchedKeys touched = new TouchedKeys();
        for (int i = 0; i < 1000; i++) {
            touched.put("hot", i % 2 == 0);
        }
        touched.put("cold", true);
        Map<String, Boolean> reported = new LinkedHashMap<>();
        touched.forEach(reported::put);
        assertEquals(List.of("hot", "cold"), List.copyOf(reported.keySet()));
        assertEquals(false, reported.get("hot"));
    }
}
