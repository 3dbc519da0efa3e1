package dev.strata.backend.xodus.internal;

import java.util.Arrays;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;

/** Copies between Java arrays and Xodus byte iterables: the SPI owns no array it hands over or receives. */
final class XodusBytes {

    private XodusBytes() {
    }

    /** A fresh array with the iterable's bytes, or {@code null} for {@code null}. */
    static byte[] copy(ByteIterable bytes) {
        if (bytes == null) {
            return null;
        }
        int length = bytes.getLength();
        return length == 0 ? new byte[0] : Arrays.copyOf(bytes.getBytesUnsafe(), length);
    }

    /** An iterable over a private copy, so that the caller may reuse its array after a put. */
    static ArrayByteIterable ownCopy(byte[] bytes) {
        return new ArrayByteIterable(bytes.clone());
    }
}
