package dev.strata.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScanTest {

    @Test
    void factoriesAndRefinements() {
        Scan scan = Scan.prefix("users.").reverse().limit(10);
        assertTrue(scan.descending());
        assertEquals(10, scan.maxEntries());
        assertEquals("users.", scan.effectivePrefix());
        assertFalse(scan.reverse().descending());
        assertEquals("logs.2026-", Scan.pattern("logs.2026-??-*").effectivePrefix());
        assertTrue(Scan.pattern("logs.2026-??-*").accepts("logs.2026-11-01"));
        assertFalse(Scan.pattern("logs.2026-??-*").accepts("logs.2026-1-01"));
    }

    @Test
    void badScansAreRefused() {
        assertThrows(InvalidArgumentException.class, () -> Scan.all().limit(-1));
        assertThrows(InvalidArgumentException.class, () -> Scan.range("z", "a"));
        assertThrows(InvalidArgumentException.class, () -> Scan.prefix(null));
    }

    @Test
    void keyOrderIsCodePointOrder() {
        String bmpHigh = "\uFFFD";
        String supplementary = "\uD83D\uDE00";
        assertTrue(bmpHigh.compareTo(supplementary) > 0, "String.compareTo uses UTF-16 units");
        assertTrue(KeyOrder.compare(bmpHigh, supplementary) < 0, "keys use code points, like their UTF-8 bytes");
        assertTrue(KeyOrder.compare(KeyOrder.encode(bmpHigh), KeyOrder.encode(supplementary)) < 0);
        assertEquals(0, KeyOrder.compare("same", "same"));
        assertTrue(KeyOrder.compare("ab", "abc") < 0);
    }
}
