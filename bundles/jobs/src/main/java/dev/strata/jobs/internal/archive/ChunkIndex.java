package dev.strata.jobs.internal.archive;

/**
 * Where one data chunk is and which keys it holds, so a reader finds a key by reading one chunk.
 *
 * @param index    the chunk's index (0, 1, ...)
 * @param offset   the byte offset of its frame
 * @param entries  how many entries it holds
 * @param firstKey its first key
 * @param lastKey  its last key
 */
public record ChunkIndex(long index, long offset, int entries, String firstKey, String lastKey) {
}
