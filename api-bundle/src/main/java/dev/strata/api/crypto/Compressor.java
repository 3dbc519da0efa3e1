package dev.strata.api.crypto;

import org.osgi.annotation.versioning.ProviderType;

import dev.strata.api.InvalidArgumentException;

/**
 * A compression codec, registered as a service with {@value #CODEC_PROPERTY} set to {@link #name()}. Thread-safe.
 */
@ProviderType
public interface Compressor {

    /** Service property naming the codec: {@code lz4}, {@code zstd}, {@code deflate} or {@code none}. */
    String CODEC_PROPERTY = "strata.codec";

    String name();

    /** A stable one-byte id written in block headers, so a reader knows the codec of each block. */
    byte id();

    byte[] compress(byte[] source, int offset, int length);

    /**
     * Compresses into a buffer the caller owns and reuses (a backup compresses a chunk of a megabyte or more at a
     * time, and {@link #compress(byte[], int, int)} allocates two arrays of about that size per call), when the
     * result fits in {@code destinationLength} bytes of {@code destination} from {@code destinationOffset} on. The
     * bytes written are those {@link #compress(byte[], int, int)} returns, so either is read back with
     * {@link #decompress}. A caller that only keeps a compressed form shorter than the input passes
     * {@code length - 1} as {@code destinationLength}.
     *
     * @return the number of bytes written, or -1 when the compressed form does not fit (the destination range's
     *         contents are then undefined)
     * @since 0.2
     */
    default int compress(byte[] source, int offset, int length, byte[] destination, int destinationOffset,
            int destinationLength) {
        if (destinationOffset < 0 || destinationLength < 0
                || destinationOffset > destination.length - destinationLength) {
            throw new InvalidArgumentException("destination: range [" + destinationOffset + ", +"
                    + destinationLength + ") is outside an array of " + destination.length + " bytes");
        }
        byte[] packed = compress(source, offset, length);
        if (packed.length > destinationLength) {
            return -1;
        }
        System.arraycopy(packed, 0, destination, destinationOffset, packed.length);
        return packed.length;
    }

    /**
     * @param originalLength the length before compression, which the caller stored beside the block
     * @throws dev.strata.api.CorruptionException when the input is not valid compressed data of that length
     */
    byte[] decompress(byte[] source, int offset, int length, int originalLength);
}
