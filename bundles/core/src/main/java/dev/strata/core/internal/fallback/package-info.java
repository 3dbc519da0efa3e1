/**
 * Core's fallback policy: a store that names a fallback store ({@code fallback.store}) keeps taking writes while its
 * own backend is unavailable. Each such commit is one entry of a journal kept in the fallback store's engine, in
 * core's private {@code 0xFF} key space, written in one engine transaction with the per-key overlay that serves
 * reads of those keys ({@link dev.strata.core.internal.fallback.FallbackJournal}). When the primary's engine is back,
 * a replay ({@link dev.strata.core.internal.fallback.FallbackRoute#replay}) applies the entries in journal order, each
 * in one primary transaction that also records the entry's sequence (the watermark), so a replay interrupted at any
 * point resumes without applying an entry twice; it ends with a short write freeze in which the last entries are
 * applied and the store switches back to its primary.
 */
package dev.strata.core.internal.fallback;
