package dev.strata.backend.file.internal;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.strata.api.CorruptionException;
import dev.strata.api.crypto.Compressor;

/** Test-only deflate codec (fastest level), so the engine's tests need not wait for the crypto bundle. */
public final class TestDeflateCompressor implements Compressor {

    @Override
    public String name() {
        return "deflate";
    }

    @Override
    public byte id() {
        return 3;
    }

    @Override
    public byte[] compress(byte[] source, int offset, int length) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(source, offset, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length, int originalLength) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(source, offset, length);
            byte[] out = new byte[originalLength];
            int n = 0;
            while (n < originalLength && !inflater.finished()) {
                int got = inflater.inflate(out, n, originalLength - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != originalLength) {
                throw new CorruptionException("deflate data ends early", null, -1);
            }
            return out;
        } catch (DataFormatException e) {
            throw new CorruptionException("bad deflate data", null, -1, e);
        } finally {
            inflater.end();
        }
    }
}
