package dev.strata.documents.internal;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.Query;

/** A {@link DocumentCursor} over a stage tree; closing it closes the stages and, if it owns one, the transaction. */
final class QueryCursor implements DocumentCursor {

    private final Stage<DocumentRecord> root;
    private final Order order;
    private final Query query;
    private final Runnable onClose;
    private DocumentRecord last;
    private boolean closed;

    QueryCursor(Stage<DocumentRecord> root, Order order, Query query, Runnable onClose) {
        this.root = root;
        this.order = order;
        this.query = query;
        this.onClose = onClose;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        boolean more = root.hasNext();
        if (!more) {
            close();
        }
        return more;
    }

    @Override
    public Document next() {
        if (closed) {
            throw new java.util.NoSuchElementException("cursor is closed");
        }
        last = root.next();
        Document document = Document.of(last.id(), Executor.project(last, query));
        // a record a covering plan read from an index has no metadata: such a document says version 0
        return last.version() == IndexOnly.NOT_STORED ? document : document.stored(last.id(), last.metadata());
    }

    @Override
    public String continuation() {
        return last == null || order == null ? null : order.token(order.position(last));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            root.close();
            onClose.run();
        }
    }
}
