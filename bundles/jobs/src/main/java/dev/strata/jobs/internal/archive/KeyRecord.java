package dev.strata.jobs.internal.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import dev.strata.api.Entry;
import dev.strata.api.KeyMetadata;
import dev.strata.api.PutOptions;

/**
 * One key as the jobs copy it: its value and the metadata a copy must keep, its expiry (an absolute time, so a key
 * copied later expires at the same instant, not later) and its tags. Creation and update times, and the put count,
 * belong to the store that writes the copy.
 *
 * @param expiresAt epoch milliseconds at which the key expires, 0 when it never does
 * @param tags      the key's tags
 */
public record KeyRecord(String key, byte[] value, long expiresAt, Set<String> tags) {

    public KeyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    /** A key without expiry or tags (what an archive of format 1 holds). */
    public static KeyRecord plain(String key, byte[] value) {
        return new KeyRecord(key, value, 0, Set.of());
    }

    /** The entry with the metadata a store reports for it. */
    public static KeyRecord of(Entry entry, KeyMetadata metadata) {
        return new KeyRecord(entry.key(), entry.value(), metadata.expiry().map(Instant::toEpochMilli).orElse(0L),
                metadata.tags());
    }

    public Entry entry() {
        return new Entry(key, value);
    }

    public boolean hasMetadata() {
        return expiresAt != 0 || !tags.isEmpty();
    }

    /** Whether the key is gone at {@code nowMillis}: a store never returns it from then on. */
    public boolean expiredAt(long nowMillis) {
        return expiresAt != 0 && nowMillis >= expiresAt;
    }

    /** Whether both hold the same expiry and tags (the value aside). */
    public boolean sameMetadata(long otherExpiresAt, Set<String> otherTags) {
        return expiresAt == otherExpiresAt && tags.equals(otherTags);
    }

    /**
     * How to put the copy at {@code nowMillis} so that it expires when this key does: a time to live of what is left,
     * or never (whatever the target's default time to live, as the source key never expired), with the same tags.
     *
     * @return {@code null} when the key has expired by then: it is not copied
     */
    public PutOptions putOptions(long nowMillis) {
        if (expiresAt == 0) {
            return new PutOptions(null, true, tags);
        }
        if (expiredAt(nowMillis)) {
            return null;
        }
        return new PutOptions(Duration.ofMillis(expiresAt - nowMillis), false, tags);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyRecord r && key.equals(r.key) && Arrays.equals(value, r.value)
                && expiresAt == r.expiresAt && tags.equals(r.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), expiresAt, tags);
    }

    @Override
    public String toString() {
        return "KeyRecord[" + key + ", " + value.length + " bytes, expiresAt " + expiresAt + ", tags " + tags + "]";
    }
}
