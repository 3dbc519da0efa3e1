package dev.strata.crypto.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.jpountz.lz4.LZ4Factory;

class Lz4FactoriesTest {

    private static final byte[] TEXT = "native and java lz4 agree on the format. ".repeat(2000)
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void usesTheNativeCodecWhereLz4JavaShipsOne() {
        // lz4-java 1.13 ships JNI libraries for linux/darwin/windows on amd64 and aarch64, where this runs
        Lz4Compressor compressor = new Lz4Compressor();
        assertEquals(LZ4Factory.nativeInstance().toString(), compressor.implementation());
        assertNotEquals(LZ4Factory.safeInstance().toString(), compressor.implementation());
    }

    @Test
    void fallsBackToTheSafeJavaCodecWhenTheNativeOneCannotLoad() {
        LZ4Factory chosen = Lz4Factories.nativeOrJava(() -> {
            throw new UnsatisfiedLinkError("simulated: no liblz4-java for this platform");
        });
        assertEquals(LZ4Factory.safeInstance().toString(), chosen.toString());
        Lz4Compressor java = new Lz4Compressor(chosen);
        byte[] compressed = java.compress(TEXT, 0, TEXT.length);
        assertArrayEquals(TEXT, java.decompress(compressed, 0, compressed.length, TEXT.length));
    }

    @Test
    void nativeAndJavaCodecsReadEachOthersBlocks() {
        Lz4Compressor nativeCodec = new Lz4Compressor(LZ4Factory.nativeInstance());
        Lz4Compressor javaCodec = new Lz4Compressor(LZ4Factory.safeInstance());
        byte[] byNative = nativeCodec.compress(TEXT, 0, TEXT.length);
        byte[] byJava = javaCodec.compress(TEXT, 0, TEXT.length);
        assertArrayEquals(TEXT, javaCodec.decompress(byNative, 0, byNative.length, TEXT.length));
        assertArrayEquals(TEXT, nativeCodec.decompress(byJava, 0, byJava.length, TEXT.length));
    }
}
