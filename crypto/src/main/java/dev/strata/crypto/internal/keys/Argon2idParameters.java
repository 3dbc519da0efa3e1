package dev.strata.crypto.internal.keys;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;

/**
 * What it takes to derive a passphrase key again, stored beside the protected data. Encoded (big-endian) as magic
 * {@code SKDF}, format version 1, algorithm 2 (Argon2id), memory in KiB, iterations, parallelism (ints), then the
 * salt and the key check value, each preceded by its length in one byte.
 *
 * @param memoryKiB   Argon2 memory cost
 * @param iterations  Argon2 time cost
 * @param parallelism Argon2 lanes
 * @param salt        random, {@value #SALT_LENGTH} bytes
 * @param checkValue  a MAC of a constant under the derived key, to refuse a wrong passphrase
 */
record Argon2idParameters(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] checkValue) {

    static final int SALT_LENGTH = 16;
    static final int CHECK_VALUE_LENGTH = 16;
    static final int MIN_MEMORY_KIB = 8;
    /** Upper bounds also protect a reader from a damaged record asking for absurd memory or time. */
    static final int MAX_MEMORY_KIB = 1 << 20;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    private static final int MAGIC = 0x534B4446; // "SKDF"
    private static final byte VERSION = 1;
    private static final byte ARGON2ID = 2;

    Argon2idParameters {
        checkCost(memoryKiB, iterations, parallelism);
        salt = salt.clone();
        checkValue = checkValue.clone();
    }

    /** Refuses a cost outside the supported bounds with {@link InvalidArgumentException}. */
    static void checkCost(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new InvalidArgumentException("Argon2id parallelism must be 1.." + MAX_PARALLELISM);
        }
        if (memoryKiB < Math.max(MIN_MEMORY_KIB, 8 * parallelism) || memoryKiB > MAX_MEMORY_KIB) {
            throw new InvalidArgumentException("Argon2id memory must be 8 KiB per lane up to " + MAX_MEMORY_KIB
                    + " KiB, not " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new InvalidArgumentException("Argon2id iterations must be 1.." + MAX_ITERATIONS);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] checkValue() {
        return checkValue.clone();
    }

    byte[] encode() {
        return ByteBuffer.allocate(4 + 2 + 12 + 1 + salt.length + 1 + checkValue.length)
                .putInt(MAGIC).put(VERSION).put(ARGON2ID)
                .putInt(memoryKiB).putInt(iterations).putInt(parallelism)
                .put((byte) salt.length).put(salt)
                .put((byte) checkValue.length).put(checkValue)
                .array();
    }

    /** @throws CorruptionException when {@code encoded} is not a record this class wrote */
    static Argon2idParameters decode(byte[] encoded) {
        if (encoded == null) {
            throw new InvalidArgumentException("passphrase key parameters must not be null");
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(encoded);
            if (buffer.getInt() != MAGIC || buffer.get() != VERSION || buffer.get() != ARGON2ID) {
                throw corrupt("not Strata Argon2id parameters (version 1)", null);
            }
            int memoryKiB = buffer.getInt();
            int iterations = buffer.getInt();
            int parallelism = buffer.getInt();
            byte[] salt = new byte[buffer.get()];
            buffer.get(salt);
            byte[] checkValue = new byte[buffer.get()];
            buffer.get(checkValue);
            if (buffer.hasRemaining() || salt.length != SALT_LENGTH || checkValue.length != CHECK_VALUE_LENGTH) {
                throw corrupt("unexpected salt, check value or trailing bytes", null);
            }
            return new Argon2idParameters(memoryKiB, iterations, parallelism, salt, checkValue);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw corrupt("truncated", e);
        } catch (InvalidArgumentException e) {
            throw corrupt(e.getMessage(), e);
        }
    }

    private static CorruptionException corrupt(String detail, Throwable cause) {
        return new CorruptionException("invalid passphrase key parameters: " + detail, null, -1, cause);
    }
}
