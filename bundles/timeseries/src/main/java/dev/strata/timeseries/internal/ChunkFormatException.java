package dev.strata.timeseries.internal;

/** A chunk's bytes do not decode; the caller turns it into a corruption error naming the key. */
final class ChunkFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChunkFormatException(String message) {
        super(message);
    }
}
