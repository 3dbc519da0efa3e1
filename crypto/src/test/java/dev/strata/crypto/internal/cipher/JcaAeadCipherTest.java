package dev.strata.crypto.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.crypto.DataKey;

class JcaAeadCipherTest {

    private static final byte[] AAD = "segment-0007.dat@4096".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path folder;

    private JcaAeadCipher cipher(AeadAlgorithm algorithm) {
        return new JcaAeadCipher(algorithm, NonceSequence.open(folder, algorithm));
    }

    static DataKey randomKey(String algorithmName) {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return new DataKey("test", 1, new SecretKeySpec(material, algorithmName));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void roundTripsEmptyOneByteAndOneMegabyte(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        byte[] megabyte = new byte[1 << 20];
        new Random(7).nextBytes(megabyte);
        for (byte[] plaintext : List.of(new byte[0], new byte[] {42}, megabyte)) {
            byte[] nonce = cipher.newNonce();
            byte[] sealed = cipher.encrypt(key, nonce, AAD, plaintext, 0, plaintext.length);
            assertEquals(plaintext.length + cipher.tagLength(), sealed.length);
            assertArrayEquals(plaintext, cipher.decrypt(key, nonce, AAD, sealed, 0, sealed.length));
        }
        assertEquals(algorithm.serviceName(), cipher.algorithm());
        assertEquals(12, cipher.nonceLength());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void honoursOffsetsAndTreatsNullAssociatedDataAsEmpty(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        byte[] buffer = "xxhello worldyy".getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, null, buffer, 2, 11);
        byte[] framed = new byte[sealed.length + 5];
        System.arraycopy(sealed, 0, framed, 3, sealed.length);
        byte[] opened = cipher.decrypt(key, nonce, new byte[0], framed, 3, sealed.length);
        assertEquals("hello world", new String(opened, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void writesTheStandardFormatThatAPlainJdkCipherReads(AeadAlgorithm algorithm) throws Exception {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        byte[] plaintext = "interoperable".getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, AAD, plaintext, 0, plaintext.length);

        Cipher plain = Cipher.getInstance(algorithm.transformation());
        plain.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.secret().getEncoded(), algorithm.keyAlgorithm()),
                algorithm.parameters(nonce));
        plain.updateAAD(AAD);
        assertArrayEquals(plaintext, plain.doFinal(sealed));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void everyFlippedBitOfCiphertextNonceOrAssociatedDataFailsTheTag(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        byte[] plaintext = "sixteen byte msg".getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, AAD, plaintext, 0, plaintext.length);

        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] altered = flip(sealed, bit);
            assertThrows(CorruptionException.class, () -> cipher.decrypt(key, nonce, AAD, altered, 0, altered.length),
                    "ciphertext bit " + bit);
        }
        for (int bit = 0; bit < nonce.length * 8; bit++) {
            byte[] altered = flip(nonce, bit);
            assertThrows(CorruptionException.class, () -> cipher.decrypt(key, altered, AAD, sealed, 0, sealed.length),
                    "nonce bit " + bit);
        }
        for (int bit = 0; bit < AAD.length * 8; bit++) {
            byte[] altered = flip(AAD, bit);
            assertThrows(CorruptionException.class, () -> cipher.decrypt(key, nonce, altered, sealed, 0, sealed.length),
                    "associated data bit " + bit);
        }
        assertThrows(CorruptionException.class, () -> cipher.decrypt(key, nonce, null, sealed, 0, sealed.length));
        assertThrows(CorruptionException.class,
                () -> cipher.decrypt(key, nonce, AAD, sealed, 0, sealed.length - 1), "truncated");
        assertArrayEquals(plaintext, cipher.decrypt(key, nonce, AAD, sealed, 0, sealed.length), "still readable");
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void aWrongKeyIsCorruptionNotGarbage(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(randomKey("AES"), nonce, AAD, new byte[100], 0, 100);
        CorruptionException refused = assertThrows(CorruptionException.class,
                () -> cipher.decrypt(randomKey("AES"), nonce, AAD, sealed, 0, sealed.length));
        assertEquals(-1, refused.offset());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void ciphertextShorterThanATagIsCorruption(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        assertThrows(CorruptionException.class,
                () -> cipher.decrypt(randomKey("AES"), cipher.newNonce(), null, new byte[15], 0, 15));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void badArgumentsAreInvalidArguments(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        byte[] nonce = cipher.newNonce();
        byte[] data = new byte[10];
        DataKey aes128 = new DataKey("short", 1, new SecretKeySpec(new byte[16], "AES"));
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(null, nonce, null, data, 0, 10));
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(aes128, nonce, null, data, 0, 10));
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(key, null, null, data, 0, 10));
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(key, new byte[16], null, data, 0, 10));
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(key, nonce, null, null, 0, 0));
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(key, nonce, null, data, 5, 6));
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(key, nonce, null, data, -1, 2));
        assertThrows(InvalidArgumentException.class, () -> cipher.decrypt(key, nonce, null, data, 0, 11));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void encryptingTwiceWithTheSameKeyAndNonceIsRefused(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        byte[] nonce = cipher.newNonce();
        cipher.encrypt(key, nonce, null, new byte[4], 0, 4);
        assertThrows(InvalidArgumentException.class, () -> cipher.encrypt(key, nonce, null, new byte[4], 0, 4));
        byte[] next = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, next, null, new byte[4], 0, 4);
        assertArrayEquals(new byte[4], cipher.decrypt(key, next, null, sealed, 0, sealed.length));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void readsABlockJustWrittenAndTheSameBlockTwiceInARow(AeadAlgorithm algorithm) {
        // SunJCE's ChaCha20-Poly1305 refuses a second init with the same key and nonce, even to decrypt
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, AAD, new byte[] {5, 6}, 0, 2);
        for (int read = 0; read < 3; read++) {
            assertArrayEquals(new byte[] {5, 6}, cipher.decrypt(key, nonce, AAD, sealed, 0, sealed.length));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void acceptsA256BitKeyWhateverAlgorithmItIsNamedFor(AeadAlgorithm algorithm) {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("ChaCha20");
        DataKey sameBytesAsAes = new DataKey("test", 1, new SecretKeySpec(key.secret().getEncoded(), "AES"));
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, null, new byte[] {1, 2, 3}, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, cipher.decrypt(sameBytesAsAes, nonce, null, sealed, 0, sealed.length));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void oneServiceServesManyThreadsEachWithItsOwnCipher(AeadAlgorithm algorithm) throws Exception {
        JcaAeadCipher cipher = cipher(algorithm);
        DataKey key = randomKey("AES");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                int seed = task;
                tasks.add(() -> {
                    Random random = new Random(seed);
                    for (int round = 0; round < 200; round++) {
                        byte[] plaintext = new byte[random.nextInt(2000)];
                        random.nextBytes(plaintext);
                        byte[] nonce = cipher.newNonce();
                        byte[] sealed = cipher.encrypt(key, nonce, AAD, plaintext, 0, plaintext.length);
                        if (!Arrays.equals(plaintext, cipher.decrypt(key, nonce, AAD, sealed, 0, sealed.length))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertEquals(Boolean.TRUE, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] flip(byte[] original, int bit) {
        byte[] copy = original.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
