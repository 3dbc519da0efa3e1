package dev.strata.api.tck.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.Cipher;

import dev.strata.api.CorruptionException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;

/**
 * Test-only AEAD ciphers through the JDK, with random 96-bit nonces and 128-bit tags, for backend tests that need
 * encryption without the crypto bundle. A failed authentication is a {@link CorruptionException}, as the crypto
 * bundle's ciphers report it.
 */
abstract class JdkTestCipher implements AeadCipher {

    private final SecureRandom random = new SecureRandom();
    private final String algorithm;
    private final String transformation;

    JdkTestCipher(String algorithm, String transformation) {
        this.algorithm = algorithm;
        this.transformation = transformation;
    }

    /** The JDK's parameters for one nonce. */
    abstract AlgorithmParameterSpec parameters(byte[] nonce);

    /** The key as the JDK's cipher wants it. */
    Key key(DataKey key) {
        return key.secret();
    }

    @Override
    public final String algorithm() {
        return algorithm;
    }

    @Override
    public final int nonceLength() {
        return 12;
    }

    @Override
    public final int tagLength() {
        return 16;
    }

    @Override
    public final byte[] newNonce() {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        return nonce;
    }

    @Override
    public final byte[] encrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] plaintext, int offset,
            int length) {
        try {
            return init(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public final byte[] decrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] ciphertext, int offset,
            int length) {
        try {
            return init(Cipher.DECRYPT_MODE, key, nonce, associatedData).doFinal(ciphertext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new CorruptionException("authentication failed", null, -1, e);
        }
    }

    private Cipher init(int mode, DataKey key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(mode, key(key), parameters(nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
