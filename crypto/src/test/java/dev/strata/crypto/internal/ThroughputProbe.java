package dev.strata.crypto.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;

import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.DataKey;
import dev.strata.crypto.internal.cipher.AeadAlgorithm;
import dev.strata.crypto.internal.cipher.JcaAeadCipher;
import dev.strata.crypto.internal.cipher.NonceSequence;
import dev.strata.crypto.internal.codec.Lz4Compressor;
import dev.strata.crypto.internal.codec.ZstdCompressor;
import dev.strata.crypto.internal.keys.Argon2idKeyDerivation;

/**
 * A rough, single-run throughput figure for the README, run by hand (not a test, asserts nothing):
 * {@code java -cp <test classpath> dev.strata.crypto.internal.ThroughputProbe}. Real measurements belong to the
 * JMH suite in {@code benchmarks/}.
 */
public final class ThroughputProbe {

    private static final int BLOCK = 64 * 1024;
    private static final long BYTES = 2L << 30;

    private ThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("strata-probe");
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        DataKey key = new DataKey("probe", 1, new SecretKeySpec(material, "AES"));
        byte[] block = new byte[BLOCK];
        new Random(1).nextBytes(block);
        for (AeadAlgorithm algorithm : AeadAlgorithm.values()) {
            AeadCipher cipher = new JcaAeadCipher(algorithm, NonceSequence.open(folder, algorithm));
            rate(algorithm.serviceName() + " encrypt 64 KiB blocks",
                    () -> cipher.encrypt(key, cipher.newNonce(), null, block, 0, BLOCK));
        }
        byte[] text = compressible();
        for (Compressor codec : new Compressor[] {new Lz4Compressor(), new ZstdCompressor(1)}) {
            byte[] compressed = codec.compress(text, 0, text.length);
            System.out.printf("%s ratio %.2f%n", codec.name(), (double) text.length / compressed.length);
            rate(codec.name() + " compress", () -> codec.compress(text, 0, text.length));
            rate(codec.name() + " decompress", () -> codec.decompress(compressed, 0, compressed.length, text.length));
        }
        Argon2idKeyDerivation kdf = new Argon2idKeyDerivation(65536, 3, 1);
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            kdf.newKey("probe".toCharArray());
            System.out.printf("Argon2id 64 MiB t=3 p=1: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static byte[] compressible() {
        StringBuilder text = new StringBuilder();
        Random random = new Random(2);
        while (text.length() < BLOCK) {
            text.append("{\"id\":").append(random.nextInt(100_000)).append(",\"name\":\"user")
                    .append(random.nextInt(1000)).append("\",\"active\":").append(random.nextBoolean()).append("}\n");
        }
        return text.substring(0, BLOCK).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void rate(String label, Runnable operation) {
        long iterations = BYTES / BLOCK;
        for (int warm = 0; warm < iterations / 4; warm++) {
            operation.run();
        }
        long start = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            operation.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-40s %8.0f MB/s%n", label, iterations * BLOCK / seconds / 1e6);
    }
}
