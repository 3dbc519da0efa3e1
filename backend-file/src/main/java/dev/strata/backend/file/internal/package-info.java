/**
 * The file engine: backend component, engine, transactions, commit pipeline, flush, compaction task, recovery,
 * snapshots and reports. Subpackages hold the parts that know nothing of the engine: log, memory table, segments,
 * manifest, codecs, cache, I/O seam. See README.md for the on-disk format and the recovery rules.
 */
package dev.strata.backend.file.internal;
