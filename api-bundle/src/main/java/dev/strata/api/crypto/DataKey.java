package dev.strata.api.crypto;

import java.util.Objects;

import javax.crypto.SecretKey;

/**
 * A data-encryption key with its id. The id is written beside everything encrypted with the key, so that data
 * written before a re-key stays readable while new data uses the new key.
 *
 * @param alias  the key's name in the keystore (a store configures the alias it uses)
 * @param id     the version of the key under the alias; unique per alias, never reused
 * @param secret the key material (256 bits)
 */
public record DataKey(String alias, int id, SecretKey secret) {

    public DataKey {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(secret, "secret");
        if (id < 0) {
            throw new IllegalArgumentException("key id must not be negative");
        }
    }

    @Override
    public String toString() {
        return "DataKey[" + alias + "#" + id + "]";
    }
}
