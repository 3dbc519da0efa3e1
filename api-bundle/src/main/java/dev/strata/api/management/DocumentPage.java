package dev.strata.api.management;

import java.util.List;

/**
 * A page of query results as JSON text.
 *
 * @param keys          for a key-value query, the key of each result; empty for documents (the id is in the JSON)
 * @param documents     each result as JSON text (documents with {@code _id} first)
 * @param continuation  the token that resumes after this page, empty when it is the last one
 * @param skippedValues for a key-value query, the values read that were not JSON objects; 0 for documents
 */
public record DocumentPage(List<String> keys, List<String> documents, String continuation, long skippedValues) {

    public DocumentPage {
        keys = keys == null ? List.of() : List.copyOf(keys);
        documents = documents == null ? List.of() : List.copyOf(documents);
        continuation = continuation == null ? "" : continuation;
    }
}
