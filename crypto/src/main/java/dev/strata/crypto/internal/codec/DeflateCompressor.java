package dev.strata.crypto.internal.codec;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.crypto.Compressor;
import dev.strata.crypto.internal.ArgumentChecks;

/**
 * The JDK's deflate in a zlib wrapper ({@code strata.codec=deflate}, id 1). The wrapper's Adler-32 makes damaged
 * input fail instead of inflating to wrong bytes. Needs no native library beyond the JDK's own.
 */
@Component(service = Compressor.class, configurationPid = DeflateConfig.PID,
        property = Compressor.CODEC_PROPERTY + "=" + DeflateCompressor.NAME)
@Designate(ocd = DeflateConfig.class)
public final class DeflateCompressor implements Compressor {

    public static final String NAME = "deflate";
    public static final byte ID = 1;
    /** Deflate cannot expand one input byte to more than 1032 bytes (maximum match 258 per 2-bit code). */
    private static final long MAX_RATIO = 1032;

    private final int level;

    @Activate
    public DeflateCompressor(DeflateConfig config) {
        this(config.level());
    }

    public DeflateCompressor(int level) {
        if (level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            throw new InvalidArgumentException("deflate level must be 0..9, not " + level);
        }
        this.level = level;
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
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(source, offset, length);
            deflater.finish();
            // zlib's bound for stored blocks: 5 bytes per 16 KiB block, plus header and checksum
            byte[] output = new byte[length + (length >>> 14) * 5 + 64];
            int written = 0;
            while (!deflater.finished()) {
                if (written == output.length) {
                    output = Arrays.copyOf(output, output.length * 2);
                }
                written += deflater.deflate(output, written, output.length - written);
            }
            return Arrays.copyOf(output, written);
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length, int originalLength) {
        CompressedInput.check(NAME, source, offset, length, originalLength, MAX_RATIO);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(source, offset, length);
            byte[] output = new byte[originalLength];
            int read = 0;
            while (read < originalLength) {
                int produced = inflater.inflate(output, read, originalLength - read);
                if (produced == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += produced;
            }
            if (read != originalLength) {
                throw CompressedInput.corrupt(NAME, "inflated to " + read + " bytes, expected " + originalLength, null);
            }
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw CompressedInput.corrupt(NAME, "inflates to more than " + originalLength + " bytes", null);
            }
            if (!inflater.finished() || inflater.getRemaining() > 0) {
                throw CompressedInput.corrupt(NAME, "stream does not end where expected", null);
            }
            return output;
        } catch (DataFormatException e) {
            throw CompressedInput.corrupt(NAME, e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
