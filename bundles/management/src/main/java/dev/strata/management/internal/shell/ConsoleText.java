package dev.strata.management.internal.shell;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Undoes how the runtime's shell reads the terminal. Felix Gogo Shell 1.1.4's console
 * ({@code org.apache.felix.gogo.shell.Console#getLine}) reads standard input one byte at a time and casts each byte
 * to a {@code char}: it decodes every terminal as ISO-8859-1, so {@code héllo} typed on a UTF-8 terminal (bytes
 * {@code 68 c3 a9 6c 6c 6f}) reaches a command as {@code hÃ©llo}. Its words are therefore bytes in disguise; this
 * turns them back into bytes and decodes them in the terminal's charset: {@code strata.shell.encoding} (which
 * {@code bin/strata} sets from the locale), else the JVM's {@code native.encoding}. A word with a character above
 * U+00FF did not come through that console and is left alone, as is one whose bytes are not valid in the charset.
 */
final class ConsoleText {

    static final String ENCODING_PROPERTY = "strata.shell.encoding";

    private ConsoleText() {
    }

    /** The word as the person typed it. */
    static String typed(String word) {
        return typed(word, terminalCharset());
    }

    static String typed(String word, Charset terminal) {
        if (word == null || terminal.equals(StandardCharsets.ISO_8859_1) || !bytesInDisguise(word)) {
            return word;
        }
        try {
            return terminal.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(word.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return word;
        }
    }

    /** Only characters a byte cast can make, and at least one that is not ASCII (ASCII reads the same either way). */
    private static boolean bytesInDisguise(String word) {
        boolean high = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            high |= c >= 0x80;
        }
        return high;
    }

    /**
     * The terminal's charset. A locale that says US-ASCII (the POSIX locale of a bare environment) cannot have sent
     * bytes above 0x7F, so such bytes are taken as UTF-8, what terminals send today.
     */
    static Charset terminalCharset() {
        String name = System.getProperty(ENCODING_PROPERTY, System.getProperty("native.encoding", "UTF-8"));
        try {
            Charset charset = Charset.forName(name.trim());
            return charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : charset;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
