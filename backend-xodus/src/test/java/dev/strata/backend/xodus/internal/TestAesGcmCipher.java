package dev.strata.backend.xodus.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import dev.strata.api.CorruptionException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;

/** Test-only AES-256-GCM through the JDK, with random 96-bit nonces. */
final class TestAesGcmCipher implements AeadCipher {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String algorithm() {
        return "AES-256-GCM";
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
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] decrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] ciphertext, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new CorruptionException("authentication failed", null, -1, e);
        }
    }
}
