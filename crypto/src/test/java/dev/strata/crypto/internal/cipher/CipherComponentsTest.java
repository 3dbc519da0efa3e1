package dev.strata.crypto.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;

class CipherComponentsTest {

    @TempDir
    Path folder;

    private CipherConfig config() {
        return new CipherConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CipherConfig.class;
            }

            @Override
            public String nonceStateFolder() {
                return folder.toString();
            }
        };
    }

    @Test
    void componentsNameTheirAlgorithmAndKeepNoncesInTheConfiguredFolder() {
        AeadCipher aes = new AesGcmCipherComponent(null, config());
        AeadCipher chacha = new ChaCha20Poly1305CipherComponent(null, config());
        assertEquals("AES-256-GCM", aes.algorithm());
        assertEquals("ChaCha20-Poly1305", chacha.algorithm());
        assertTrue(Files.exists(folder.resolve("nonces-aes-256-gcm.state")));
        assertTrue(Files.exists(folder.resolve("nonces-chacha20-poly1305.state")));

        DataKey key = JcaAeadCipherTest.randomKey("AES");
        byte[] nonce = aes.newNonce();
        byte[] sealed = aes.encrypt(key, nonce, null, new byte[] {9}, 0, 1);
        assertArrayEquals(new byte[] {9}, aes.decrypt(key, nonce, null, sealed, 0, sealed.length));
    }

    @Test
    void aRestartedComponentContinuesAboveEveryCounterItsPredecessorReserved() {
        AeadCipher before = new AesGcmCipherComponent(null, config());
        long lastBefore = 0;
        for (int i = 0; i < 1000; i++) {
            lastBefore = ByteBuffer.wrap(before.newNonce()).getLong(4);
        }
        AeadCipher after = new AesGcmCipherComponent(null, config());
        long firstAfter = ByteBuffer.wrap(after.newNonce()).getLong(4);
        assertTrue(firstAfter >= NonceSequence.DEFAULT_RESERVATION && firstAfter > lastBefore,
                firstAfter + " after " + lastBefore);
    }
}
