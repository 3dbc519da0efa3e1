package dev.strata.crypto.internal.codec;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.crypto.internal.ArgumentChecks;

/** Checks shared by the codecs before they decompress, so a damaged length fails cleanly instead of exhausting memory. */
final class CompressedInput {

    private CompressedInput() {
    }

    /** Validates the arguments of {@code decompress}. */
    static void check(String codec, byte[] source, int offset, int length, int originalLength) {
        ArgumentChecks.checkRange("compressed " + codec + " input", source, offset, length);
        if (originalLength < 0) {
            throw new InvalidArgumentException("original length must not be negative: " + originalLength);
        }
    }

    /**
     * Validates the arguments of {@code decompress} of a format whose expansion is bounded.
     *
     * @param maxRatio the most output one input byte can produce in this format; a claimed length beyond it cannot
     *                 be valid data
     */
    static void check(String codec, byte[] source, int offset, int length, int originalLength, long maxRatio) {
        check(codec, source, offset, length, originalLength);
        if (originalLength > length * maxRatio + 64) {
            throw corrupt(codec, length + " bytes cannot hold " + originalLength + " bytes of " + codec + " data", null);
        }
    }

    static CorruptionException corrupt(String codec, String detail, Throwable cause) {
        return new CorruptionException("invalid " + codec + " data: " + detail, null, -1, cause);
    }
}
