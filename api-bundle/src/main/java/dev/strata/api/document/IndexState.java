package dev.strata.api.document;

/** The life of an index (as in FoundationDB's Record Layer). */
public enum IndexState {
    /** Kept up to date by every write while existing documents are indexed in the background; not yet queried. */
    WRITE_ONLY,
    /** Complete: the planner may use it. */
    READABLE,
    /** The build stopped (for example duplicate values for a unique index); see {@link IndexInfo#message()}. */
    FAILED
}
