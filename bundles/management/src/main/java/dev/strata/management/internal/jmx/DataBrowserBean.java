package dev.strata.management.internal.jmx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyPattern;
import dev.strata.api.NotFoundException;
import dev.strata.api.Scan;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.management.DataBrowserMXBean;
import dev.strata.api.management.KeyEntry;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.ValueView;

/**
 * A console's view into a store's data. A page is one streaming scan that starts at {@code after} and stops after
 * {@code limit + 1} entries (the one past the page tells whether there is a next one), so a page costs the same on a
 * store of ten keys and of ten million. Every input is checked before the store is touched: bad input changes
 * nothing and comes back as a typed one-line error.
 */
final class DataBrowserBean implements DataBrowserMXBean {

    static final int MAX_PAGE = 1000;
    static final int MAX_VALUE_VIEW = 16 * 1024 * 1024;
    static final int PREVIEW_CHARS = 80;
    private static final int PREVIEW_HEX_BYTES = 32;

    private final StorageService storage;

    DataBrowserBean(StorageService storage) {
        this.storage = storage;
    }

    @Override
    public KeyPage listKeys(String store, String pattern, String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidArgumentException("a page holds 1 to " + MAX_PAGE + " keys, was " + limit);
        }
        KeyPattern glob = KeyPattern.compile(pattern == null || pattern.isEmpty() ? "*" : pattern);
        String start = after == null || after.isEmpty() ? null : after;
        Store target = store(store);
        // `from` is inclusive: ask for one more entry, to skip `after` itself when it is still there
        Scan scan = new Scan(null, start, null, glob, false, limit + 2L);
        List<KeyEntry> entries = new ArrayList<>(Math.min(limit, 64));
        boolean more = false;
        try (EntryCursor cursor = target.scan(scan)) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                if (entry.key().equals(start)) {
                    continue;
                }
                if (entries.size() == limit) {
                    more = true;
                    break;
                }
                entries.add(new KeyEntry(entry.key(), entry.value().length, preview(entry.value())));
            }
        }
        String next = more ? entries.get(entries.size() - 1).key() : "";
        return new KeyPage(entries, next);
    }

    @Override
    public ValueView getValue(String store, String key, int maxBytes) {
        if (maxBytes < 1 || maxBytes > MAX_VALUE_VIEW) {
            throw new InvalidArgumentException("maxBytes is 1 to " + MAX_VALUE_VIEW + ", was " + maxBytes);
        }
        Optional<byte[]> value = store(store).get(key);
        if (value.isEmpty()) {
            return new ValueView(key, false, 0, false, false, "", "");
        }
        byte[] full = value.get();
        boolean truncated = full.length > maxBytes;
        byte[] shown = truncated ? Arrays.copyOf(full, cutAtCharacter(full, maxBytes)) : full;
        Optional<String> text = Utf8.decode(shown);
        return new ValueView(key, true, full.length, truncated, text.isPresent(), text.orElse(""),
                Base64.getEncoder().encodeToString(shown));
    }

    @Override
    public void putValue(String store, String key, String value, String encoding) {
        byte[] bytes = decode(value, encoding);
        store(store).put(key, bytes);
    }

    @Override
    public boolean deleteValue(String store, String key) {
        return store(store).delete(key);
    }

    static byte[] decode(String value, String encoding) {
        if (value == null) {
            throw new InvalidArgumentException("value must not be null");
        }
        String kind = encoding == null || encoding.isBlank() ? "text" : encoding.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "text" -> value.getBytes(StandardCharsets.UTF_8);
                case "base64" -> Base64.getDecoder().decode(value.strip());
                case "hex" -> HexFormat.of().parseHex(value.strip().replaceAll("[\\s:]", ""));
                default -> throw new InvalidArgumentException("encoding is text, base64 or hex, was '" + encoding + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("value is not valid " + kind + ": " + e.getMessage());
        }
    }

    /** The start of a value on one line: escaped text, or its first bytes as hex when it is not UTF-8. */
    static String preview(byte[] value) {
        int probe = Math.min(value.length, PREVIEW_CHARS * 4);
        Optional<String> text = Utf8.decode(Arrays.copyOf(value, cutAtCharacter(value, probe)));
        if (text.isPresent()) {
            String escaped = Utf8.escape(text.get());
            if (escaped.length() <= PREVIEW_CHARS) {
                return escaped;
            }
            int cut = Character.isHighSurrogate(escaped.charAt(PREVIEW_CHARS - 1)) ? PREVIEW_CHARS - 1 : PREVIEW_CHARS;
            return escaped.substring(0, cut);
        }
        return "0x" + HexFormat.of().formatHex(value, 0, Math.min(value.length, PREVIEW_HEX_BYTES))
                + (value.length > PREVIEW_HEX_BYTES ? "..." : "");
    }

    /** The largest length up to {@code max} that does not cut a UTF-8 sequence (a continuation byte starts none). */
    private static int cutAtCharacter(byte[] value, int max) {
        if (max >= value.length) {
            return value.length;
        }
        int cut = max;
        while (cut > 0 && max - cut < 4 && (value[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return max - cut < 4 ? cut : max;
    }

    private Store store(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidArgumentException("store name must not be empty");
        }
        return storage.findStore(name).orElseThrow(() -> new NotFoundException("no store named '" + name
                + "'; defined: " + String.join(", ", storage.stores().stream().map(StoreInfo::name).toList())));
    }
}
