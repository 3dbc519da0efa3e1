package dev.strata.api;

/** What a transaction may do. */
public enum TransactionMode {
    /** Reads from one snapshot; every write is refused with {@link ReadOnlyException}. */
    READ_ONLY,
    /** Reads from one snapshot plus its own writes; commits atomically or fails with {@link ConflictException}. */
    READ_WRITE
}
