package dev.strata.api;

/**
 * Isolation levels, weakest first. A transaction asks for one ({@link TransactionOptions#isolation()}); a backend
 * declares the levels it provides ({@link BackendCapabilities#isolation()}) and every backend provides at least
 * {@link #SNAPSHOT}. A stronger level always satisfies a request for a weaker one.
 */
public enum IsolationLevel {
    /**
     * Every read sees data committed before that read (never uncommitted data); two reads of one key may differ.
     * Concurrent writes to the same key still conflict (no lost update).
     */
    READ_COMMITTED,
    /**
     * Repeatable read: every read sees one snapshot taken at begin, plus the transaction's own writes; concurrent
     * writes to the same key conflict (first committer wins). Write skew is possible.
     */
    SNAPSHOT,
    /**
     * As if transactions ran one after another: on top of snapshot isolation, commit fails with
     * {@link ConflictException} when a key this transaction read, or a range it scanned (empty results included),
     * was written by a transaction that committed after this one's snapshot.
     */
    SERIALIZABLE;

    /** Whether a transaction running at this level also gives everything {@code requested} promises. */
    public boolean satisfies(IsolationLevel requested) {
        return compareTo(requested) >= 0;
    }
}
