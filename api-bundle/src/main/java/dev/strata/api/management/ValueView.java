package dev.strata.api.management;

/**
 * One value as a data browser shows it ({@link DataBrowserMXBean#getValue}).
 *
 * @param key       the key
 * @param found     whether the key exists; every other component is empty or 0 when not
 * @param size      the value's full length in bytes
 * @param truncated whether only the first {@code maxBytes} asked for are shown
 * @param utf8      whether the (shown) bytes are valid UTF-8
 * @param text      the bytes as UTF-8 text when {@code utf8}, else empty
 * @param base64    the (shown) bytes, Base64
 */
public record ValueView(String key, boolean found, int size, boolean truncated, boolean utf8, String text,
        String base64) {

    public ValueView {
        text = text == null ? "" : text;
        base64 = base64 == null ? "" : base64;
    }
}
