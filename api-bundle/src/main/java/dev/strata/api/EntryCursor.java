package dev.strata.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A streamed scan result: entries are read from the engine as the caller advances, so a scan over millions of keys
 * holds only a small window in memory. Close it (try-with-resources) to release the underlying snapshot.
 * <p>
 * Since 1.3 a job that copies every key (a backup) can read the entry last returned without the objects
 * {@link #metadata()} builds: {@link #keyBytes} gives the key's bytes as the scan read them, and
 * {@link #hasLiveMetadata()} with {@link #expiresAtMillis()}, {@link #createdAtMillis()}, {@link #updatedAtMillis()},
 * {@link #version()} and {@link #tags()} give the metadata as primitives. They agree with {@link Entry#key()} and
 * {@link #metadata()}; a cursor that does not carry metadata answers through {@code metadata()} (the defaults).
 * <p>
 * Since 1.4 such a job can also walk the scan without an {@link Entry} per key: {@link #nextRaw} hands it the key's
 * bytes and the value's place in the record the scan read, so no key {@code String} is decoded and no value copied
 * that the job would only copy again.
 */
@ProviderType
public interface EntryCursor extends Iterator<Entry>, AutoCloseable {

    @Override
    void close();

    /**
     * The metadata of the entry the last {@link #next()} returned (times, expiry, tags), decoded from the very record
     * the scan read: no second lookup, unlike {@link ReadOperations#metadata}, so a job that copies whole stores with
     * their expiry and tags reads each key once. Call it before {@link #hasNext()}: empty when the key has expired
     * since {@code next()} returned it, when the cursor has moved on, or when this cursor does not carry metadata (then
     * {@link ReadOperations#metadata} in the same transaction tells).
     *
     * @throws IllegalStateException before the first {@code next()}
     * @since 1.2
     */
    default Optional<KeyMetadata> metadata() {
        return Optional.empty();
    }

    /**
     * The key of {@code returned}, the entry the last {@link #next()} returned, in UTF-8: the bytes the scan read
     * where this cursor has them (no encoding of the key it has just decoded), else {@code returned.key()} encoded.
     * The array may be one the cursor or its engine reuses: valid until the next {@code hasNext()}, {@code next()} or
     * {@code close()}; read it, do not change or keep it (copy it to keep it).
     *
     * @param returned the entry the last {@code next()} returned (another entry gets its key encoded)
     * @since 1.3
     */
    default byte[] keyBytes(Entry returned) {
        return returned.key().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@link #metadata()} would be present now, without building it: the cursor carries the record of the
     * entry last returned and the key has not expired since. Only then do the primitive accessors below answer.
     *
     * @throws IllegalStateException before the first {@code next()}
     * @since 1.3
     */
    default boolean hasLiveMetadata() {
        return metadata().isPresent();
    }

    /**
     * {@link KeyMetadata#expiresAt()} of the entry last returned in epoch milliseconds, 0 when it never expires.
     *
     * Call it once {@link #hasLiveMetadata()} said true; a cursor may go on answering for the record it read after
     * the key expired, but not once it no longer carries it.
     *
     * @throws IllegalStateException when the record is not carried (then {@code hasLiveMetadata()} is false)
     * @since 1.3
     */
    default long expiresAtMillis() {
        Instant expiry = carriedMetadata().expiresAt();
        return expiry == null ? 0 : expiry.toEpochMilli();
    }

    /**
     * {@link KeyMetadata#createdAt()} of the entry last returned, in epoch milliseconds.
     *
     * @throws IllegalStateException when the record is not carried
     * @since 1.3
     */
    default long createdAtMillis() {
        return carriedMetadata().createdAt().toEpochMilli();
    }

    /**
     * {@link KeyMetadata#updatedAt()} of the entry last returned, in epoch milliseconds.
     *
     * @throws IllegalStateException when the record is not carried
     * @since 1.3
     */
    default long updatedAtMillis() {
        return carriedMetadata().updatedAt().toEpochMilli();
    }

    /**
     * {@link KeyMetadata#version()} of the entry last returned.
     *
     * @throws IllegalStateException when the record is not carried
     * @since 1.3
     */
    default long version() {
        return carriedMetadata().version();
    }

    /**
     * {@link KeyMetadata#tags()} of the entry last returned: the empty set, not a new one, for a key without tags.
     *
     * @throws IllegalStateException when the record is not carried
     * @since 1.3
     */
    default Set<String> tags() {
        return carriedMetadata().tags();
    }

    private KeyMetadata carriedMetadata() {
        return metadata().orElseThrow(() -> new IllegalStateException(
                "this cursor carries no live metadata of the entry last returned (see hasLiveMetadata())"));
    }

    /**
     * What {@link #nextRaw} hands each entry to. The arrays are the cursor's (an engine may reuse them): valid during
     * the call only; read them, do not change or keep them (copy what you keep).
     *
     * @since 1.4
     */
    @ConsumerType
    @FunctionalInterface
    interface RawEntry {
        /**
         * @param key         the key's bytes in UTF-8, the whole array
         * @param value       an array holding the value
         * @param valueOffset where the value starts in it
         * @param valueLength how many bytes it takes
         */
        void accept(byte[] key, byte[] value, int valueOffset, int valueLength);
    }

    /**
     * Moves to the next entry, as {@link #hasNext()} and {@link #next()} would, and hands its key and value to
     * {@code visitor} without building an {@link Entry}: a cursor that has the stored bytes (core's) gives the key's
     * bytes as read and the value where it lies in the stored record, so no key {@code String} is decoded and no
     * value copied. Same entries in the same order as {@code next()}, expired keys skipped alike; the two may be
     * mixed. During the call, and until the cursor moves on, {@link #hasLiveMetadata()} and the primitive metadata
     * accessors answer for this entry as they do after {@code next()}. The default goes through {@code next()}.
     *
     * @return whether there was an entry (when not, {@code visitor} was not called)
     * @since 1.4
     */
    default boolean nextRaw(RawEntry visitor) {
        if (!hasNext()) {
            return false;
        }
        Entry entry = next();
        byte[] value = entry.value();
        visitor.accept(keyBytes(entry), value, 0, value.length);
        return true;
    }

    /** The remaining entries as a sequential stream; closing the stream closes this cursor. */
    default Stream<Entry> stream() {
        Spliterator<Entry> split = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
        return StreamSupport.stream(split, false).onClose(this::close);
    }
}
