/** Immutable sorted segment files: data blocks, block index, Bloom filter, footer; writing and reading. */
package dev.strata.backend.file.internal.segment;
