package dev.strata.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyPatternTest {

    @Test
    void starMatchesAnyRunIncludingNone() {
        KeyPattern users = KeyPattern.compile("users.*");
        assertTrue(users.matches("users."));
        assertTrue(users.matches("users.42.name"));
        assertFalse(users.matches("users"));
        assertFalse(users.matches("xusers.1"));
        assertEquals("users.", users.literalPrefix());
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        KeyPattern logs = KeyPattern.compile("logs.2026-??-*");
        assertTrue(logs.matches("logs.2026-11-21"));
        assertTrue(logs.matches("logs.2026-01-"));
        assertFalse(logs.matches("logs.2026-1-21"));
        assertFalse(logs.matches("logs.2025-11-21"));
        assertEquals("logs.2026-", logs.literalPrefix());
        assertTrue(KeyPattern.compile("?").matches("\uD83D\uDE00"), "one character is one code point");
    }

    @Test
    void severalStarsBacktrack() {
        KeyPattern pattern = KeyPattern.compile("a*b*c");
        assertTrue(pattern.matches("abc"));
        assertTrue(pattern.matches("aXXbYYbZc"));
        assertFalse(pattern.matches("aXXbYYbZ"));
        assertTrue(KeyPattern.compile("*").matches("anything"));
        assertTrue(KeyPattern.compile("**x").matches("x"));
        assertEquals("", KeyPattern.compile("*.log").literalPrefix());
    }

    @Test
    void escapesMakeWildcardsLiteral() {
        KeyPattern pattern = KeyPattern.compile("what\\?*");
        assertTrue(pattern.matches("what?now"));
        assertFalse(pattern.matches("whatXnow"));
        assertEquals("what?", pattern.literalPrefix());
        assertTrue(KeyPattern.compile("a\\*").matches("a*"));
        assertFalse(KeyPattern.compile("a\\*").matches("ab"));
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThrows(InvalidArgumentException.class, () -> KeyPattern.compile(null));
        assertThrows(InvalidArgumentException.class, () -> KeyPattern.compile(""));
        assertThrows(InvalidArgumentException.class, () -> KeyPattern.compile("dangling\\"));
    }

    @Test
    void longTextWithManyStarsStaysFast() {
        String text = "a".repeat(10_000);
        assertFalse(KeyPattern.compile("*a*a*a*a*a*b").matches(text));
    }
}
