package dev.strata.documents.internal;

import dev.strata.api.document.DocumentStore;

/**
 * Where the layer keeps things in the store's key space. A collection's name maps to a number (its uid) so that a
 * dropped collection's keys can be cleaned up while a new one of the same name is already in use.
 * <pre>
 * _doc/n                                  next collection uid
 * _doc/c/{name}                           collection metadata (JSON): uid, indexes and their states, schema
 * _doc/{uid}/d/{id}                       a document: Smile {v: version, c: created, u: updated, b: content}
 * _doc/{uid}/f/{shard}                    per-shard statistics (document count, text lengths); also the write fence
 * _doc/{uid}/i/{index}/{values}{id}       a value index entry (tuple-encoded values; value: the id)
 * _doc/{uid}/i/{index}/{values}           a unique index entry (value: the id)
 * _doc/{uid}/b/{index}                    how far the background build of an index got
 * _doc/{uid}/p/{index}/{field}{term}{bucket}  a block of text postings (TextPostings, PostingBlock)
 * _doc/{uid}/t/{index}/{field}{term}{id}  a text posting as indexes kept them before blocks
 * _doc/{uid}/l/{index}/{id}               a document's text lengths per field
 * </pre>
 */
final class KeyLayout {

    static final String COUNTER = DocumentStore.KEY_PREFIX + "n";
    static final String META_PREFIX = DocumentStore.KEY_PREFIX + "c/";
    static final int SHARDS = 16;

    private KeyLayout() {
    }

    static String meta(String collection) {
        return META_PREFIX + collection;
    }

    static String base(long uid) {
        return DocumentStore.KEY_PREFIX + uid + "/";
    }

    /** A prefix made last, kept so that a point query does not format the same numbers again each time. */
    private record Made(long uid, long indexUid, String prefix) {
    }

    private static volatile Made lastDocPrefix = new Made(-1, -1, "");
    private static volatile Made lastIndexPrefix = new Made(-1, -1, "");

    static String docPrefix(long uid) {
        Made last = lastDocPrefix;
        if (last.uid() == uid) {
            return last.prefix();
        }
        String prefix = base(uid) + "d/";
        lastDocPrefix = new Made(uid, -1, prefix);
        return prefix;
    }

    static String doc(long uid, String id) {
        return docPrefix(uid) + id;
    }

    static String shard(long uid, int shard) {
        return base(uid) + "f/" + (shard < 10 ? "0" : "") + shard;
    }

    static int shardOf(String id) {
        return Math.floorMod(id.hashCode(), SHARDS);
    }

    static String indexPrefix(long uid, long indexUid) {
        Made last = lastIndexPrefix;
        if (last.uid() == uid && last.indexUid() == indexUid) {
            return last.prefix();
        }
        String prefix = base(uid) + "i/" + indexUid + "/";
        lastIndexPrefix = new Made(uid, indexUid, prefix);
        return prefix;
    }

    static String buildCursor(long uid, long indexUid) {
        return base(uid) + "b/" + indexUid;
    }

    static String textPrefix(long uid, long indexUid) {
        return base(uid) + "t/" + indexUid + "/";
    }

    static String textBlockPrefix(long uid, long indexUid) {
        return base(uid) + "p/" + indexUid + "/";
    }

    static String shardPrefix(long uid) {
        return base(uid) + "f/";
    }

    static String textLengths(long uid, long indexUid, String id) {
        return base(uid) + "l/" + indexUid + "/" + id;
    }

    static String textLengthsPrefix(long uid, long indexUid) {
        return base(uid) + "l/" + indexUid + "/";
    }
}
