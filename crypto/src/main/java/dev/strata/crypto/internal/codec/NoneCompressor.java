package dev.strata.crypto.internal.codec;

import java.util.Arrays;

import org.osgi.service.component.annotations.Component;

import dev.strata.api.crypto.Compressor;
import dev.strata.crypto.internal.ArgumentChecks;

/** The identity codec ({@code strata.codec=none}, id 0), for data that does not compress or stores that opt out. */
@Component(service = Compressor.class, property = Compressor.CODEC_PROPERTY + "=" + NoneCompressor.NAME)
public final class NoneCompressor implements Compressor {

    public static final String NAME = "none";
    public static final byte ID = 0;

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
        return Arrays.copyOfRange(source, offset, offset + length);
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length, int originalLength) {
        CompressedInput.check(NAME, source, offset, length, originalLength);
        if (length != originalLength) {
            throw CompressedInput.corrupt(NAME, "stored " + length + " bytes, expected " + originalLength, null);
        }
        return Arrays.copyOfRange(source, offset, offset + length);
    }
}
