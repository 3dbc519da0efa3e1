/**
 * The PostgreSQL engine's implementation (not exported). There is one table per store, and a delete is kept as a
 * row with a null value, so every write is an upsert that PostgreSQL's row-level check covers. Writes wait in the
 * client until commit, so open transactions hold no locks. Commits are numbered under a lock on the store's
 * registry row, in the order they become visible. Cursors are keyset pages in the transaction's snapshot, and
 * SQLSTATEs map onto typed errors. See the module README for every statement and the reasoning.
 */
package dev.strata.backend.postgres.internal;
