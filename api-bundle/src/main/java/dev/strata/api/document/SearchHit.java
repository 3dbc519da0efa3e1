package dev.strata.api.document;

/** One full-text result and its BM25 score. */
public record SearchHit(Document document, double score) {
}
