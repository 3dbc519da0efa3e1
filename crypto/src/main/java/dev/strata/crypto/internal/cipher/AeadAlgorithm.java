package dev.strata.crypto.internal.cipher;

import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** The AEAD algorithms this bundle offers, with their JCA names. Both use 256-bit keys, 96-bit nonces, 128-bit tags. */
public enum AeadAlgorithm {

    AES_256_GCM(JcaAeadCipher.AES_256_GCM, "AES/GCM/NoPadding", "AES") {
        @Override
        AlgorithmParameterSpec parameters(byte[] nonce) {
            return new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce);
        }
    },

    CHACHA20_POLY1305(JcaAeadCipher.CHACHA20_POLY1305, "ChaCha20-Poly1305", "ChaCha20") {
        @Override
        AlgorithmParameterSpec parameters(byte[] nonce) {
            return new IvParameterSpec(nonce);
        }
    };

    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private final String serviceName;
    private final String transformation;
    private final String keyAlgorithm;

    AeadAlgorithm(String serviceName, String transformation, String keyAlgorithm) {
        this.serviceName = serviceName;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The name in the {@code strata.cipher} service property. */
    public String serviceName() {
        return serviceName;
    }

    String transformation() {
        return transformation;
    }

    /** The algorithm name the JDK provider expects on the key (AES-GCM refuses a key named otherwise). */
    String keyAlgorithm() {
        return keyAlgorithm;
    }

    abstract AlgorithmParameterSpec parameters(byte[] nonce);
}
