package dev.strata.crypto.internal;

import dev.strata.api.InvalidArgumentException;

/** Argument validation shared by the services, so bad input fails with a typed error before any work is done. */
public final class ArgumentChecks {

    private ArgumentChecks() {
    }

    /** Checks that {@code [offset, offset + length)} lies inside {@code array}. */
    public static void checkRange(String name, byte[] array, int offset, int length) {
        if (array == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new InvalidArgumentException(name + ": range [" + offset + ", +" + length
                    + ") is outside an array of " + array.length + " bytes");
        }
    }

    public static <T> T checkNotNull(String name, T value) {
        if (value == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        return value;
    }
}
