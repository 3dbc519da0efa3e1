package dev.strata.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import dev.strata.api.crypto.DataKey;
import dev.strata.crypto.internal.cipher.AeadAlgorithm;
import dev.strata.crypto.internal.cipher.JcaAeadCipher;
import dev.strata.crypto.internal.cipher.NonceSequence;
import dev.strata.crypto.internal.codec.Lz4Compressor;

/**
 * What block compression and encryption cost: one MiB of JSON-like text ({@link JsonLikeText}) in 64 KiB blocks,
 * through the crypto bundle's own service classes (its LZ4 codec, native when it loads, and its AES-256-GCM cipher
 * over the JDK provider, each block with a fresh nonce from its nonce sequence and the block number as associated
 * data). One operation is one MiB, so the score is milliseconds per MiB. The single-step operations show where the
 * time goes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class CryptoCompressionBenchmark {

    static final int BLOCK_BYTES = 64 << 10;
    static final int BLOCKS = 16;
    /** Goal for either direction (compress + encrypt, decrypt + decompress). */
    static final double GOAL_MILLIS_PER_MIB = 2.0;

    private final Lz4Compressor lz4 = new Lz4Compressor();
    private final ScratchDirectory nonceState = new ScratchDirectory("nonce-state-");
    private JcaAeadCipher cipher;
    private DataKey key;
    private byte[][] plainBlocks;
    private byte[][] associatedData;
    private byte[][] compressedBlocks;
    private byte[][] sealedBlocks;
    private byte[][] sealedNonces;

    @Setup(Level.Trial)
    public void prepare() {
        cipher = new JcaAeadCipher(AeadAlgorithm.AES_256_GCM,
                NonceSequence.open(nonceState.path(), AeadAlgorithm.AES_256_GCM));
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        key = new DataKey("bench", 1, new SecretKeySpec(material, "AES"));
        plainBlocks = blocks();
        associatedData = new byte[BLOCKS][];
        compressedBlocks = new byte[BLOCKS][];
        sealedBlocks = new byte[BLOCKS][];
        sealedNonces = new byte[BLOCKS][];
        for (int i = 0; i < BLOCKS; i++) {
            associatedData[i] = ("block-" + i).getBytes(StandardCharsets.UTF_8);
            compressedBlocks[i] = lz4.compress(plainBlocks[i], 0, BLOCK_BYTES);
            sealedNonces[i] = cipher.newNonce();
            sealedBlocks[i] = cipher.encrypt(key, sealedNonces[i], associatedData[i], compressedBlocks[i], 0,
                    compressedBlocks[i].length);
        }
    }

    @TearDown(Level.Trial)
    public void cleanUp() {
        nonceState.close();
    }

    /** The benchmark's data, also for the report's compression ratio. */
    static byte[][] blocks() {
        byte[] text = JsonLikeText.generate(BLOCK_BYTES * BLOCKS, 42);
        byte[][] blocks = new byte[BLOCKS][];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = java.util.Arrays.copyOfRange(text, i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES);
        }
        return blocks;
    }

    /** The write path of an encrypted, compressed block. */
    @Benchmark
    public void compressThenEncrypt(Blackhole sink) {
        for (int i = 0; i < BLOCKS; i++) {
            byte[] compressed = lz4.compress(plainBlocks[i], 0, BLOCK_BYTES);
            sink.consume(cipher.encrypt(key, cipher.newNonce(), associatedData[i], compressed, 0, compressed.length));
        }
    }

    /** The read path: authenticate and decrypt, then decompress. */
    @Benchmark
    public void decryptThenDecompress(Blackhole sink) {
        for (int i = 0; i < BLOCKS; i++) {
            byte[] compressed = cipher.decrypt(key, sealedNonces[i], associatedData[i], sealedBlocks[i], 0,
                    sealedBlocks[i].length);
            sink.consume(lz4.decompress(compressed, 0, compressed.length, BLOCK_BYTES));
        }
    }

    @Benchmark
    public void lz4Compress(Blackhole sink) {
        for (int i = 0; i < BLOCKS; i++) {
            sink.consume(lz4.compress(plainBlocks[i], 0, BLOCK_BYTES));
        }
    }

    @Benchmark
    public void lz4Decompress(Blackhole sink) {
        for (int i = 0; i < BLOCKS; i++) {
            sink.consume(lz4.decompress(compressedBlocks[i], 0, compressedBlocks[i].length, BLOCK_BYTES));
        }
    }

    /** Encryption of uncompressed blocks: the cipher's own rate per MiB of plaintext. */
    @Benchmark
    public void aesGcmEncrypt(Blackhole sink) {
        for (int i = 0; i < BLOCKS; i++) {
            sink.consume(cipher.encrypt(key, cipher.newNonce(), associatedData[i], plainBlocks[i], 0, BLOCK_BYTES));
        }
    }
}
