/**
 * Documents on every engine: collections of JSON documents with queries, secondary indexes chosen by a planner
 * (with {@code explain}), full-text search ranked by BM25 and per-collection schema validation. Implemented once by
 * the documents bundle over the public {@link dev.strata.api.Store} API, so document writes and key-value writes can
 * share one {@link dev.strata.api.Transaction} on any engine.
 * <p>
 * Entry point: the {@link dev.strata.api.document.DocumentService} OSGi service.
 * <p>
 * 0.2.0 adds queries over plain key-value entries holding JSON ({@link dev.strata.api.document.KeyValueQuery},
 * {@link dev.strata.api.document.DocumentService#query}).
 *
 * <pre>{@code
 * DocumentCollection users = documents.documents(store).createCollection("users");
 * users.insertJson("{\"_id\":\"ada\",\"name\":\"Ada\",\"age\":36}");
 * users.createIndex(IndexDefinition.of("by_age", "age"));
 * try (DocumentCursor found = users.find(Query.where(Map.of("age", Map.of("$gte", 30))).sortBy("age").limit(10))) {
 *     found.forEachRemaining(doc -> System.out.println(doc.toJson()));
 * }
 * store.inTransaction(tx -> {              // documents and keys in one transaction
 *     users.in(tx).insertJson("{\"name\":\"Grace\"}");
 *     tx.put("users.count", ...);
 * });
 * }</pre>
 */
@Export
@Version("0.3.0")
package dev.strata.api.document;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
