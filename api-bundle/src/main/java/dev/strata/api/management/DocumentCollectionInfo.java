package dev.strata.api.management;

/**
 * A collection as the data browser lists it.
 *
 * @param name          the collection's name
 * @param documents     how many documents it holds
 * @param indexes       how many indexes it has (text included)
 * @param schemaVersion the version of its JSON Schema, 0 when it has none
 */
public record DocumentCollectionInfo(String name, long documents, int indexes, long schemaVersion) {
}
