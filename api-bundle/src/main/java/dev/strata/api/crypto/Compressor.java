package dev.strata.api.crypto;

import org.osgi.annotation.versioning.ProviderType;

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
     * @param originalLength the length before compression, which the caller stored beside the block
     * @throws dev.strata.api.CorruptionException when the input is not valid compressed data of that length
     */
    byte[] decompress(byte[] source, int offset, int length, int originalLength);
}
