package dev.strata.backend.file.internal.codec;

import java.util.Objects;

/**
 * A key check value: a known plaintext sealed with one data key, stored in the manifest. Opening it again with the
 * key the keystore returns tells a wrong key apart from damaged data before any data is read.
 *
 * @param keyId  the id of the data key under the store's alias
 * @param nonce  the nonce it was sealed with
 * @param sealed ciphertext and tag
 */
public record KeyCheck(int keyId, byte[] nonce, byte[] sealed) {

    public KeyCheck {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(sealed, "sealed");
    }
}
