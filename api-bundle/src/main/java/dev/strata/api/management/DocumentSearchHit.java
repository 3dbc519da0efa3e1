package dev.strata.api.management;

/**
 * A full-text search hit.
 *
 * @param score    its BM25 score
 * @param document the document as JSON text
 */
public record DocumentSearchHit(double score, String document) {
}
