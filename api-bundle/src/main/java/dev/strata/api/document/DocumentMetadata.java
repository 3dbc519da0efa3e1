package dev.strata.api.document;

import java.time.Instant;
import java.util.Objects;

/**
 * What the layer keeps beside each document.
 *
 * @param version 1 on insert, one more on every replace or update; the token of optimistic concurrency
 * @param created when it was inserted
 * @param updated when it was last written
 */
public record DocumentMetadata(long version, Instant created, Instant updated) {
    public DocumentMetadata {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }
}
