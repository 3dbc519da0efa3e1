/** Compression and encryption of blocks and log records: codec registry, key ring with key check values, frames. */
package dev.strata.backend.file.internal.codec;
