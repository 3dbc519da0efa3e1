package dev.strata.api.document;

/**
 * The JSON Schema of a collection.
 *
 * @param version 1 for the first schema set, one more for each later one
 * @param json    the schema text
 */
public record CollectionSchema(int version, String json) {
}
