package dev.strata.crypto.internal.codec;

import java.util.Arrays;

import org.osgi.service.component.annotations.Component;

import dev.strata.api.crypto.Compressor;
import dev.strata.crypto.internal.ArgumentChecks;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 block format ({@code strata.codec=lz4}, id 2): the fastest codec, for hot data. Raw blocks carry no checksum
 * (the block's checksum or AEAD tag covers that); malformed input and a wrong length are still refused, because
 * only the bounds-checked "safe" decompressor is used.
 */
@Component(service = Compressor.class, property = Compressor.CODEC_PROPERTY + "=" + Lz4Compressor.NAME)
public final class Lz4Compressor implements Compressor {

    public static final String NAME = "lz4";
    public static final byte ID = 2;
    /** Each further match-length byte adds at most 255 output bytes, so LZ4 expands at most about 255-fold. */
    private static final long MAX_RATIO = 255;

    private final LZ4Factory factory;
    private final LZ4Compressor compressor;
    private final LZ4SafeDecompressor decompressor;

    public Lz4Compressor() {
        this(Lz4Factories.nativeOrJava());
    }

    Lz4Compressor(LZ4Factory factory) {
        this.factory = factory;
        this.compressor = factory.fastCompressor();
        this.decompressor = factory.safeDecompressor();
    }

    /** Which implementation runs, for logs and tests (lz4-java names it, for example {@code LZ4Factory:JNI}). */
    public String implementation() {
        return factory.toString();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public byte[] compress(byte[] source, int offset, int length) {
        ArgumentChecks.checkRange("source", source, offset, length);
        byte[] output = new byte[compressor.maxCompressedLength(length)];
        int written = compressor.compress(source, offset, length, output, 0, output.length);
        return Arrays.copyOf(output, written);
    }

    /**
     * Straight into the caller's buffer: no array of the worst-case size and no copy of the result. LZ4 stops with
     * an {@link LZ4Exception} as soon as the output would overrun the destination, so an incompressible chunk costs
     * no more than its compressed form would have.
     */
    @Override
    public int compress(byte[] source, int offset, int length, byte[] destination, int destinationOffset,
            int destinationLength) {
        ArgumentChecks.checkRange("source", source, offset, length);
        ArgumentChecks.checkRange("destination", destination, destinationOffset, destinationLength);
        try {
            return compressor.compress(source, offset, length, destination, destinationOffset, destinationLength);
        } catch (LZ4Exception e) {
            return -1; // does not fit
        }
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length, int originalLength) {
        CompressedInput.check(NAME, source, offset, length, originalLength, MAX_RATIO);
        byte[] output = new byte[originalLength];
        int produced;
        try {
            produced = decompressor.decompress(source, offset, length, output, 0, originalLength);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
            throw CompressedInput.corrupt(NAME, e.getMessage(), e);
        }
        if (produced != originalLength) {
            throw CompressedInput.corrupt(NAME, "decompressed to " + produced + " bytes, expected " + originalLength,
                    null);
        }
        return output;
    }
}
