package dev.strata.management.internal.shell;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Shows stored bytes to a person: as text when they are valid UTF-8, as hex otherwise (saying so, since a value
 * that merely looks like hex text must not be mistaken for binary).
 */
final class ValueFormatter {

    /** Scan lines cut text values at this many characters, so that one entry stays one line. */
    static final int LINE_TEXT_LIMIT = 120;
    /** Scan lines show at most this many bytes of a binary value. */
    static final int LINE_HEX_LIMIT = 32;
    /** A hex dump shows at most this many bytes. */
    static final int DUMP_LIMIT = 1024;

    private static final int DUMP_WIDTH = 16;

    private ValueFormatter() {
    }

    /** The bytes as text when they are valid UTF-8 (strictly decoded: no replacement characters). */
    static Optional<String> utf8(byte[] value) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The whole value, for {@code strata:get}: text as is, or a note and a hex dump. */
    static String full(byte[] value) {
        if (value.length == 0) {
            return "(empty value)";
        }
        return utf8(value).orElseGet(() -> hexDump(value));
    }

    private static String hexDump(byte[] value) {
        StringBuilder out = new StringBuilder("(not valid UTF-8: " + value.length + " bytes, shown as hex)");
        int shown = Math.min(value.length, DUMP_LIMIT);
        for (int offset = 0; offset < shown; offset += DUMP_WIDTH) {
            out.append('\n').append(String.format("%04x ", offset));
            for (int i = offset; i < Math.min(offset + DUMP_WIDTH, shown); i++) {
                out.append(String.format(" %02x", value[i]));
            }
        }
        if (shown < value.length) {
            out.append("\n... ").append(value.length - shown).append(" more bytes");
        }
        return out.toString();
    }

    /** The value on one line, for {@code strata:scan}: escaped and shortened text, or the first bytes as hex. */
    static String oneLine(byte[] value) {
        Optional<String> text = utf8(value);
        if (text.isPresent()) {
            String escaped = escape(text.get());
            if (escaped.length() <= LINE_TEXT_LIMIT) {
                return escaped;
            }
            int cut = Character.isHighSurrogate(escaped.charAt(LINE_TEXT_LIMIT - 1)) ? LINE_TEXT_LIMIT - 1 : LINE_TEXT_LIMIT;
            return escaped.substring(0, cut) + "... (" + value.length + " bytes)";
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < Math.min(value.length, LINE_HEX_LIMIT); i++) {
            hex.append(String.format("%02x", value[i]));
        }
        return hex.append(value.length > LINE_HEX_LIMIT ? "..." : "")
                .append(" (binary, ").append(value.length).append(" bytes)").toString();
    }

    /** Control characters as escapes, so that keys and values cannot break lines or move the cursor. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
