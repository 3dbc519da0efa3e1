/**
 * The memory engine's implementation (not exported): a concurrent skip list of keys, each holding a newest-first
 * chain of versions; lock-free snapshot reads; commits serialised by one lock with first-committer-wins; pruning
 * driven by epoch-based tracking of the oldest open snapshot; a memory limit that refuses or evicts approximately
 * least-recently-used keys; optional deflate compression of values. See the module README for the reasoning.
 */
package dev.strata.backend.memory.internal;
