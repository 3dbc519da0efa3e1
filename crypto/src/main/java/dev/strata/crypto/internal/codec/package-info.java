/**
 * Compression codec services with stable one-byte ids written in block headers: none = 0, deflate = 1, lz4 = 2,
 * zstd = 3. Damaged input fails with {@link dev.strata.api.CorruptionException}, never with a codec's own error.
 */
package dev.strata.crypto.internal.codec;
