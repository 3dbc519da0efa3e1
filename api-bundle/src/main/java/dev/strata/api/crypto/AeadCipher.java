package dev.strata.api.crypto;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Authenticated encryption with associated data, registered as a service with {@value #ALGORITHM_PROPERTY} set to
 * {@link #algorithm()}. Thread-safe.
 */
@ProviderType
public interface AeadCipher {

    /** Service property naming the algorithm: {@code AES-256-GCM} or {@code ChaCha20-Poly1305}. */
    String ALGORITHM_PROPERTY = "strata.cipher";

    String algorithm();

    /** Bytes of nonce each call needs. */
    int nonceLength();

    /** Bytes the authentication tag adds to the ciphertext. */
    int tagLength();

    /**
     * A fresh nonce that this process has not returned before and will not return again for the same key, across
     * restarts (counter-based or random, as the implementation documents).
     */
    byte[] newNonce();

    /**
     * Encrypts and authenticates. {@code associatedData} (for example a file name and offset) is authenticated, not
     * encrypted: moving a block elsewhere makes it fail to decrypt.
     *
     * @return ciphertext followed by the tag: {@code length + tagLength()} bytes
     */
    byte[] encrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] plaintext, int offset, int length);

    /**
     * Checks the tag and decrypts.
     *
     * @throws dev.strata.api.CorruptionException when the tag does not verify (altered data, or a wrong key: check
     *                                            keys with {@link KeyProvider} first to tell the two apart)
     */
    byte[] decrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] ciphertext, int offset, int length);
}
