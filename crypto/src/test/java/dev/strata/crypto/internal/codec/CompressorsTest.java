package dev.strata.crypto.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.crypto.Compressor;

class CompressorsTest {

    static Stream<Compressor> codecs() {
        return Stream.of(new NoneCompressor(), new DeflateCompressor(6), new Lz4Compressor(), new ZstdCompressor(1));
    }

    /** Codecs whose format carries a checksum, so that any change of the input is detected. */
    static Stream<Compressor> checksummedCodecs() {
        return Stream.of(new DeflateCompressor(6), new ZstdCompressor(1));
    }

    @Test
    void idsAndNamesAreStable() {
        Map<String, Byte> expected = Map.of("none", (byte) 0, "deflate", (byte) 1, "lz4", (byte) 2, "zstd", (byte) 3);
        codecs().forEach(codec -> assertEquals(expected.get(codec.name()), codec.id(), codec.name()));
        assertEquals(4, codecs().map(Compressor::id).distinct().count());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripsEmptyOneByteCompressibleAndRandomData(Compressor codec) {
        byte[] text = "the quick brown fox jumps over the lazy dog. ".repeat(24_000)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] random = new byte[1 << 20];
        new Random(11).nextBytes(random);
        for (byte[] original : List.of(new byte[0], new byte[] {7}, text, random)) {
            byte[] compressed = codec.compress(original, 0, original.length);
            assertArrayEquals(original, codec.decompress(compressed, 0, compressed.length, original.length),
                    codec.name() + " of " + original.length + " bytes");
        }
        if (codec.id() != NoneCompressor.ID) {
            assertTrue(codec.compress(text, 0, text.length).length < text.length / 10, codec.name() + " compresses");
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void compressingIntoTheCallersBufferWritesWhatCompressReturnsOrSaysItDoesNotFit(Compressor codec) {
        byte[] text = "a chunk of an archive, compressed into a reused buffer. ".repeat(20_000)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] random = new byte[1 << 16];
        new Random(17).nextBytes(random);
        byte[] destination = new byte[text.length + 64];
        for (byte[] original : List.of(text, random)) {
            byte[] expected = codec.compress(original, 0, original.length);
            Arrays.fill(destination, (byte) 0x55);
            int written = codec.compress(original, 0, original.length, destination, 3, expected.length);
            assertEquals(expected.length, written, codec.name());
            assertArrayEquals(expected, Arrays.copyOfRange(destination, 3, 3 + written), codec.name());
            assertEquals((byte) 0x55, destination[2], codec.name() + " wrote before the offset");
            assertEquals((byte) 0x55, destination[3 + written], codec.name() + " wrote past the result");
            assertArrayEquals(original, codec.decompress(destination, 3, written, original.length), codec.name());
            assertEquals(-1, codec.compress(original, 0, original.length, destination, 3, expected.length - 1),
                    codec.name() + ": one byte too few");
        }
        assertThrows(InvalidArgumentException.class, () -> codec.compress(text, 0, 10, destination, 5,
                destination.length), codec.name() + ": a destination range outside the array");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void honoursOffsets(Compressor codec) {
        byte[] buffer = "..abcabcabcabcabcabc..".getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = codec.compress(buffer, 2, 18);
        byte[] framed = new byte[compressed.length + 7];
        System.arraycopy(compressed, 0, framed, 4, compressed.length);
        assertArrayEquals(Arrays.copyOfRange(buffer, 2, 20), codec.decompress(framed, 4, compressed.length, 18));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aWrongOriginalLengthOrTruncatedInputIsCorruption(Compressor codec) {
        byte[] original = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd".repeat(50).getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = codec.compress(original, 0, original.length);
        assertThrows(CorruptionException.class,
                () -> codec.decompress(compressed, 0, compressed.length, original.length + 1));
        assertThrows(CorruptionException.class,
                () -> codec.decompress(compressed, 0, compressed.length, original.length - 1));
        assertThrows(CorruptionException.class,
                () -> codec.decompress(compressed, 0, compressed.length - 1, original.length));
        assertThrows(CorruptionException.class,
                () -> codec.decompress(compressed, 0, compressed.length, Integer.MAX_VALUE - 8));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void randomGarbageIsCorruptionNeverARawException(Compressor codec) {
        Random random = new Random(13);
        for (int round = 0; round < 300; round++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            int claimed = codec.id() == NoneCompressor.ID ? garbage.length + 1 : 1 + random.nextInt(4000);
            assertThrows(CorruptionException.class, () -> codec.decompress(garbage, 0, garbage.length, claimed),
                    codec.name() + " round " + round);
        }
    }

    @ParameterizedTest
    @MethodSource("checksummedCodecs")
    void everyAlteredByteOfChecksummedFormatsIsCorruption(Compressor codec) {
        byte[] original = "checksummed block content, repeated. ".repeat(40).getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = codec.compress(original, 0, original.length);
        for (int index = 0; index < compressed.length; index++) {
            byte[] altered = compressed.clone();
            altered[index] ^= 0x5A;
            assertThrows(CorruptionException.class,
                    () -> codec.decompress(altered, 0, altered.length, original.length), "byte " + index);
        }
    }

    @Test
    void alteredLz4InputFailsAsCorruptionOrDecodesWithoutARawException() {
        // raw LZ4 blocks have no checksum (the block's AEAD tag or checksum covers them): a flipped literal decodes
        Compressor lz4 = new Lz4Compressor();
        byte[] original = "lz4 block content, repeated. ".repeat(40).getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = lz4.compress(original, 0, original.length);
        int refused = 0;
        for (int index = 0; index < compressed.length; index++) {
            byte[] altered = compressed.clone();
            altered[index] ^= 0x5A;
            try {
                assertEquals(original.length, lz4.decompress(altered, 0, altered.length, original.length).length);
            } catch (CorruptionException expected) {
                refused++;
            }
        }
        assertTrue(refused > 0, "structural damage is detected");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void badArgumentsAreInvalidArguments(Compressor codec) {
        assertThrows(InvalidArgumentException.class, () -> codec.compress(null, 0, 0));
        assertThrows(InvalidArgumentException.class, () -> codec.compress(new byte[4], 2, 3));
        assertThrows(InvalidArgumentException.class, () -> codec.decompress(new byte[4], 0, 4, -1));
        assertThrows(InvalidArgumentException.class, () -> codec.decompress(new byte[4], -1, 4, 4));
    }

    @Test
    void levelsOutsideTheCodecsRangeAreRefused() {
        assertThrows(InvalidArgumentException.class, () -> new DeflateCompressor(10));
        assertThrows(InvalidArgumentException.class, () -> new DeflateCompressor(-2));
        assertThrows(InvalidArgumentException.class, () -> new ZstdCompressor(23));
    }

    @Test
    void zstdReadsDataWrittenAtAnyLevel() {
        byte[] original = "level independent ".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        byte[] fast = new ZstdCompressor(-5).compress(original, 0, original.length);
        byte[] small = new ZstdCompressor(19).compress(original, 0, original.length);
        Compressor reader = new ZstdCompressor(1);
        assertArrayEquals(original, reader.decompress(fast, 0, fast.length, original.length));
        assertArrayEquals(original, reader.decompress(small, 0, small.length, original.length));
    }
}
