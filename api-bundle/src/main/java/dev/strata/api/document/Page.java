package dev.strata.api.document;

import java.util.List;

/**
 * One page of results.
 *
 * @param continuation pass to {@link Query#after(String)} for the next page; {@code null} when there are no more
 */
public record Page(List<Document> documents, String continuation) {
    public Page {
        documents = List.copyOf(documents);
    }
}
