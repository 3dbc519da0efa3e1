package dev.strata.api;

/** Isolation levels a backend can declare. Every backend provides at least {@link #SNAPSHOT}. */
public enum IsolationLevel {
    /** Reads see one snapshot; concurrent writes to the same key conflict (first committer wins). */
    SNAPSHOT,
    /** As if transactions ran one after another. */
    SERIALIZABLE
}
