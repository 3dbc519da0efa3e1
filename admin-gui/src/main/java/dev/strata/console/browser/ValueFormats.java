package dev.strata.console.browser;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strata.api.management.ValueView;

/** The three ways the data browser shows a value: as text, as formatted JSON, as a hex dump. */
public final class ValueFormats {

    /** How a value is shown. */
    public enum Format { TEXT, JSON, HEX }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROW = 16;

    private ValueFormats() {
    }

    /** The value's JSON, indented, or empty when it is not JSON. */
    public static Optional<String> json(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(trimmed);
            return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** {@code 00000000  7b 22 61 22 3a 31 7d              {"a":1}}: offset, 16 bytes in hex, printable ASCII. */
    public static String hexDump(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < bytes.length; row += ROW) {
            out.append(String.format("%08x  ", row));
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + ROW; i++) {
                if (i < bytes.length) {
                    int b = bytes[i] & 0xff;
                    out.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ').append(ascii).append('\n');
        }
        return out.toString();
    }

    /** The value shown in a format; JSON falls back to text when the value is not JSON, text to hex when not UTF-8. */
    public static String show(ValueView value, Format format) {
        byte[] bytes = Base64.getDecoder().decode(value.base64());
        if (format == Format.HEX || !value.utf8()) {
            return hexDump(bytes);
        }
        if (format == Format.JSON) {
            return json(value.text()).orElse(value.text());
        }
        return value.text();
    }

    /** What the edit box holds: the text when it is UTF-8, else the bytes as plain hex. */
    public static String editable(ValueView value) {
        return value.utf8() ? value.text() : HexFormat.of().formatHex(Base64.getDecoder().decode(value.base64()));
    }
}
