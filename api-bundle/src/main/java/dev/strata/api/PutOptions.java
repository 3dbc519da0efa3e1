package dev.strata.api;

import java.time.Duration;
import java.util.Set;

/**
 * How {@link KeyValueOperations#put(String, byte[], PutOptions)} stores a value: its time to live and its tags. A put
 * replaces the key's value and its metadata (time to live and tags) as a whole; only the time the key was created
 * survives an overwrite of a live key.
 *
 * @param ttl      how long the key lives from this put; {@code null} for the store's default time to live
 *                 ({@code ttl.default}, none when unset). Positive when given.
 * @param noExpiry the key never expires, whatever the store's default ({@code ttl} must be {@code null} then)
 * @param tags     labels kept with the key, readable through {@link ReadOperations#metadata}; each non-empty, at most
 *                 {@value #MAX_TAG_BYTES} UTF-8 bytes, at most {@value #MAX_TAGS} of them
 */
public record PutOptions(Duration ttl, boolean noExpiry, Set<String> tags) {

    public static final int MAX_TAGS = 64;
    public static final int MAX_TAG_BYTES = 255;

    /** The store's default time to live, no tags: what {@link KeyValueOperations#put(String, byte[])} does. */
    public static final PutOptions DEFAULT = new PutOptions(null, false, Set.of());

    public PutOptions {
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new InvalidArgumentException("ttl must be positive, was " + ttl);
        }
        if (ttl != null && noExpiry) {
            throw new InvalidArgumentException("a put cannot both have a ttl and never expire");
        }
        if (tags == null) {
            throw new InvalidArgumentException("tags must not be null (use an empty set)");
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidArgumentException("at most " + MAX_TAGS + " tags, got " + tags.size());
        }
        for (String tag : tags) {
            if (tag == null || tag.isEmpty()) {
                throw new InvalidArgumentException("a tag must not be null or empty");
            }
            if (tag.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TAG_BYTES) {
                throw new InvalidArgumentException("tag '" + tag + "' is over " + MAX_TAG_BYTES + " UTF-8 bytes");
            }
        }
        tags = Set.copyOf(tags);
    }

    /** Lives for {@code ttl} from the put. */
    public static PutOptions ttl(Duration ttl) {
        if (ttl == null) {
            throw new InvalidArgumentException("ttl must not be null");
        }
        return new PutOptions(ttl, false, Set.of());
    }

    /** Never expires, whatever the store's default time to live. */
    public static PutOptions forever() {
        return new PutOptions(null, true, Set.of());
    }

    /** The store's default time to live, with these tags. */
    public static PutOptions tags(String... tags) {
        return DEFAULT.withTags(tags);
    }

    public PutOptions withTtl(Duration ttl) {
        if (ttl == null) {
            throw new InvalidArgumentException("ttl must not be null");
        }
        return new PutOptions(ttl, false, tags);
    }

    public PutOptions withTags(String... tags) {
        if (tags == null) {
            throw new InvalidArgumentException("tags must not be null");
        }
        java.util.Set<String> set = new java.util.LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null) {
                throw new InvalidArgumentException("a tag must not be null or empty");
            }
            set.add(tag);
        }
        return new PutOptions(ttl, noExpiry, set);
    }
}
