package dev.strata.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.strata.api.StoreStatus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Gogo's console hands the commands: words whose characters are the terminal's bytes (it casts each byte it
 * reads to a char), short calls, and globs it expanded against the working directory.
 */
class ShellInputTest {

    private final TreeMapStorageService storage = new TreeMapStorageService();
    private final StrataCommands commands = new StrataCommands(storage, storage);
    private TreeMapStorageService.TreeMapStore store;

    @BeforeEach
    void define() {
        store = storage.define("s", "memory", StoreStatus.ONLINE, "");
    }

    /** What Gogo Shell 1.1.4's console makes of text typed on a terminal of this charset. */
    private static String asGogoReadsIt(String typed, Charset terminal) {
        return new String(typed.getBytes(terminal), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aValueTypedOnAUtf8TerminalIsStoredAsItsUtf8Bytes() {
        String word = asGogoReadsIt("héllo €ß 日本", StandardCharsets.UTF_8);
        assertEquals("hÃ©llo", asGogoReadsIt("héllo", StandardCharsets.UTF_8), "the bug as a user met it");
        assertEquals("héllo €ß 日本", ConsoleText.typed(word, StandardCharsets.UTF_8));
        System.setProperty(ConsoleText.ENCODING_PROPERTY, "UTF-8");
        try {
            assertEquals("ok", commands.put("s", asGogoReadsIt("clé", StandardCharsets.UTF_8), word));
            assertArrayEquals("héllo €ß 日本".getBytes(StandardCharsets.UTF_8), store.data.get("clé"));
            assertEquals("héllo €ß 日本", commands.get("s", asGogoReadsIt("clé", StandardCharsets.UTF_8)));
        } finally {
            System.clearProperty(ConsoleText.ENCODING_PROPERTY);
        }
    }

    @Test
    void otherTerminalsAndWordsThatDidNotComeThroughTheConsoleAreLeftAsTheyAre() {
        Charset latin9 = Charset.forName("ISO-8859-15");
        assertEquals("€uro", ConsoleText.typed(asGogoReadsIt("€uro", latin9), latin9));
        assertEquals("grüß", ConsoleText.typed("grüß", StandardCharsets.ISO_8859_1));
        assertEquals("grüß", ConsoleText.typed("grüß", StandardCharsets.UTF_8), "not valid UTF-8 as bytes: kept");
        assertEquals("日本", ConsoleText.typed("日本", StandardCharsets.UTF_8), "above U+00FF: not from a byte cast");
        assertEquals("plain", ConsoleText.typed("plain", StandardCharsets.UTF_8));
    }

    @Test
    void aMissingArgumentAnswersWithTheUsage() {
        assertEquals("error: missing <value>\nusage: strata:put <store> <key> <value>   (quote a value with spaces: "
                + "'two words')", commands.put("s", "k"));
        assertTrue(commands.put().startsWith("error: missing <store>\nusage: strata:put "));
        assertTrue(commands.get("s").startsWith("error: missing <key>\nusage: strata:get <store> <key>"));
        assertTrue(commands.delete().startsWith("error: missing <store>\nusage: strata:delete"));
        assertTrue(commands.scan().startsWith("error: missing <store>\nusage: strata:scan <store> ['<pattern>']"));
        assertTrue(commands.reopen().startsWith("error: missing <store>\nusage: strata:reopen <store>"));
        assertTrue(commands.put("s", "k", "two", "words").startsWith("error: too many arguments (4)"));
        assertTrue(commands.put("s", "k", "v", "--frob").startsWith("error: unknown option '--frob'"),
                commands.put("s", "k", "v", "--frob"));
        assertTrue(store.data.isEmpty(), "nothing stored");
    }

    @Test
    void aPatternTheShellExpandedIntoFileNamesGetsAHint(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.createDirectory(dir.resolve("bin"));
        assertTrue(ShellExpansion.looksExpanded(List.of("notes.txt"), dir));
        assertTrue(ShellExpansion.looksExpanded(List.of("bin", "notes.txt"), dir));
        assertFalse(ShellExpansion.looksExpanded(List.of("users.*"), dir));
        assertFalse(ShellExpansion.looksExpanded(List.of("notes.txt", "10"), dir), "10 is a limit, not a file");
        assertFalse(ShellExpansion.looksExpanded(List.of("users.1"), dir));
    }

    @Test
    void scanSaysSoWhenItsPatternNamesAFileHere() throws Exception {
        Path here = Path.of(System.getProperty("user.dir"));
        String file = "pom.xml";
        assertTrue(Files.exists(here.resolve(file)), "the module's folder has a pom");
        store.put("a", new byte[] {'1'});
        String answer = commands.scan("s", file);
        assertTrue(answer.startsWith("0 entries\nhint: the shell replaced an unquoted * by the names of the files in "),
                answer);
        assertTrue(answer.endsWith("quote the pattern: strata:scan s '*'"), answer);
        // what Gogo passes for an unquoted * that matched several files: one argument, the list of their names
        assertTrue(commands.scan("s", List.of("pom.xml", "src", "target")).startsWith("error: hint: the shell replaced"));
        assertTrue(commands.scan("s", List.of("pom.xml"), "10").startsWith("error: hint: the shell replaced"));
        assertEquals("a = 1\n1 entry", commands.scan("s", "*"), "a quoted pattern gets no hint");
        assertEquals("0 entries", commands.scan("s", "zzz"), "a pattern that is no file name gets no hint");
    }
}
