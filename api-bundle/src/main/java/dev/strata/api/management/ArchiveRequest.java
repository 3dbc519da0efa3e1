package dev.strata.api.management;

import java.util.List;

import dev.strata.api.KeyOrder;
import dev.strata.api.KeyPattern;

/**
 * Move keys to a cold tier: the keys of a store matching a pattern and within a key range are written into a
 * compressed, optionally encrypted, indexed archive file in a destination directory; only after that file is
 * durable are they deleted from the live store, in atomic batches, each key only if it still holds the archived
 * value. A key is therefore always in the live store, in an archive, or in both.
 *
 * @param store       the live store
 * @param pattern     a {@link KeyPattern} glob; {@code *} for every key in the range
 * @param from        the first key of the range (inclusive); empty for the first key
 * @param to          the end of the range (exclusive); empty for no end
 * @param destination the directory that holds the store's archives; empty for the job service's default
 * @param compression codec name; empty for the default
 * @param keyAlias    keystore alias to encrypt with; empty for no encryption
 * @param updatedBefore an ISO-8601 instant ({@code 2026-06-01T00:00:00Z}): only keys last written before it (their
 *                    {@link dev.strata.api.KeyMetadata#updatedAt()}) are archived; empty for any write time. An
 *                    instant, not an age, so that a resumed run selects the same keys.
 */
public record ArchiveRequest(String store, String pattern, String from, String to, String destination,
        String compression, String keyAlias, String updatedBefore) implements JobRequest {

    /** A request for keys of any write time. */
    public ArchiveRequest(String store, String pattern, String from, String to, String destination,
            String compression, String keyAlias) {
        this(store, pattern, from, to, destination, compression, keyAlias, "");
    }

    public ArchiveRequest {
        store = Requests.name("store", store);
        pattern = pattern == null || pattern.isBlank() ? "*" : pattern.trim();
        KeyPattern.compile(pattern);
        from = Requests.orEmpty(from);
        to = Requests.orEmpty(to);
        if (!from.isEmpty() && !to.isEmpty() && KeyOrder.compare(from, to) > 0) {
            throw new dev.strata.api.InvalidArgumentException("archive range is inverted: from '" + from
                    + "' is after to '" + to + "'");
        }
        destination = Requests.orEmpty(destination);
        compression = Requests.orEmpty(compression);
        keyAlias = Requests.orEmpty(keyAlias);
        updatedBefore = Requests.orEmpty(updatedBefore);
        if (!updatedBefore.isEmpty()) {
            try {
                java.time.Instant.parse(updatedBefore);
            } catch (java.time.format.DateTimeParseException e) {
                throw new dev.strata.api.InvalidArgumentException("updatedBefore must be an ISO-8601 instant such as "
                        + "2026-06-01T00:00:00Z, was '" + updatedBefore + "'");
            }
        }
    }

    @Override
    public String type() {
        return "archive";
    }

    @Override
    public List<String> stores() {
        return List.of(store);
    }
}
