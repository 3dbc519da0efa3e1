package dev.strata.documents.internal;

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

    IndexOnly(ReadOperations tx, long uid, Stage<Stages.IndexHit> hits, String description) {
        super("INDEX_ONLY", description, hits);
        this.tx = tx;
        this.uid = uid;
        this.hits = hits;
    }

    @Override
    protected DocumentRecord advance() {
        while (hits.hasNext()) {
            Stages.IndexHit hit = hits.next();
            IndexEntryValue.Covered covered = IndexEntryValue.covered(hit.value(), hit.fields());
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
