package dev.strata.documents.internal;

import java.util.Set;

import dev.strata.api.ReadOperations;

/**
 * The stage of a covering plan: turns index entries into records holding only the indexed paths' values, read from
 * the entries themselves ({@link IndexEntryValue}) instead of the documents. An entry that cannot stand in for its
 * document (written before covering existed, or with a path through an array) is fetched, and counted as a document
 * examined, so {@code explain} shows exactly how many documents were read.
 */
final class IndexOnly extends Stage<DocumentRecord> {

    /** The version of a record served from an index: never a stored version (those start at 1). */
    static final long NOT_STORED = 0;

    private final ReadOperations tx;
    private final long uid;
    private final Stage<Stages.IndexHit> hits;
    private final Set<String> needed;

    /** @param needed the paths the query reads: only these must be exact in an entry (a multikey one included) */
    IndexOnly(ReadOperations tx, long uid, Stage<Stages.IndexHit> hits, Set<String> needed, String description) {
        super("INDEX_ONLY", description, hits);
        this.tx = tx;
        this.uid = uid;
        this.hits = hits;
        this.needed = needed;
    }

    @Override
    protected DocumentRecord advance() {
        while (hits.hasNext()) {
            Stages.IndexHit hit = hits.next();
            IndexEntryValue.Covered covered = IndexEntryValue.covered(hit.value(), hit.fields(), needed);
            if (covered.content() != null) {
                return new DocumentRecord(covered.id(), covered.content(), NOT_STORED, 0, 0);
            }
            docsExamined++;
            var bytes = tx.get(KeyLayout.doc(uid, covered.id()));
            if (bytes.isPresent()) {
                return DocumentRecord.decode(covered.id(), bytes.get());
            }
        }
        return null;
    }
}
