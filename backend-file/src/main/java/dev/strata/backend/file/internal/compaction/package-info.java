/** Compaction: which segments to merge (policy) and the merge itself. */
package dev.strata.backend.file.internal.compaction;
