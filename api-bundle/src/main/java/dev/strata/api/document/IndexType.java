package dev.strata.api.document;

/** What an index serves. */
public enum IndexType {
    /** Field values in order: equality, ranges, sorts. Arrays get one entry per element. */
    VALUE,
    /** Words of string fields: full-text search ranked by BM25 (one text index per collection). */
    TEXT
}
