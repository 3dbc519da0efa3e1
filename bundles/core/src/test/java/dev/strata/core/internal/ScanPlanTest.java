package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.EntryCursor;
import dev.strata.api.KeyPattern;
import dev.strata.api.Scan;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan with both a prefix and a pattern selects the keys that satisfy both, whichever literal start is longer
 * (the model-based test found the case where the pattern's longer literal start does not begin with the prefix).
 */
class ScanPlanTest {

    @TempDir
    Path dir;

    private ManagedStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.detach("test over", 1_000);
        }
    }

    private List<String> keys(Scan scan) {
        List<String> keys = new ArrayList<>();
        try (EntryCursor cursor = store.scan(scan)) {
            cursor.forEachRemaining(entry -> keys.add(entry.key()));
        }
        return keys;
    }

    @Test
    void aPatternWhoseLongerLiteralStartLeavesThePrefixSelectsNothingOutsideThePrefix() {
        store = MemoryStores.online(dir);
        store.put("fz_1_\uD83D\uDE00", new byte[] {1});
        store.put("fz_1_\uFFFFx", new byte[] {2});
        Scan both = new Scan("fz_1_\uFFFF", null, null, KeyPattern.compile("fz_1_\uD83D\uDE00"), false, 0);
        assertEquals(List.of(), keys(both), "no key starts with the prefix and matches the pattern");
        assertEquals(List.of(), keys(both.reverse()));
        Scan overlapping = new Scan("fz_1_", null, null, KeyPattern.compile("fz_1_\uFFFF*"), false, 0);
        assertEquals(List.of("fz_1_\uFFFFx"), keys(overlapping));
        Scan longerPrefix = new Scan("fz_1_\uFFFFx", null, null, KeyPattern.compile("fz*"), true, 0);
        assertEquals(List.of("fz_1_\uFFFFx"), keys(longerPrefix));
    }
}
