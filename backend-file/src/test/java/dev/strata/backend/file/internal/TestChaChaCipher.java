package dev.strata.backend.file.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.CorruptionException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;

/** Test-only ChaCha20-Poly1305 through the JDK (a second cipher, to prove a store picks its own by name). */
public final class TestChaChaCipher implements AeadCipher {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String algorithm() {
        return "ChaCha20-Poly1305";
    }

    @Override
    public int nonceLength() {
        return 12;
    }

    @Override
    public int tagLength() {
        return 16;
    }

    @Override
    public byte[] newNonce() {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        return nonce;
    }

    @Override
    public byte[] encrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] plaintext, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.ENCRYPT_MODE, chachaKey(key),
                    new IvParameterSpec(nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] decrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] ciphertext, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.DECRYPT_MODE, chachaKey(key),
                    new IvParameterSpec(nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new CorruptionException("authentication failed", null, -1, e);
        }
    }

    /** The JDK's ChaCha20 wants a key named so; the test key provider names its keys AES. */
    private static SecretKeySpec chachaKey(DataKey key) {
        return new SecretKeySpec(key.secret().getEncoded(), "ChaCha20");
    }
}
