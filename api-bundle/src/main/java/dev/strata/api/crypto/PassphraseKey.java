package dev.strata.api.crypto;

import java.util.Objects;

/**
 * A key derived from a passphrase, with the parameters needed to derive it again.
 *
 * @param key        the derived 256-bit key
 * @param parameters an opaque, self-describing record (algorithm, cost, salt, key check value) to store beside the
 *                   protected data; it is not secret, and {@link PassphraseKeyDerivation#deriveKey} needs it
 */
public record PassphraseKey(DataKey key, byte[] parameters) {

    public PassphraseKey {
        Objects.requireNonNull(key, "key");
        parameters = Objects.requireNonNull(parameters, "parameters").clone();
    }

    /** A copy of the stored parameters (arrays are mutable; the record keeps its own). */
    @Override
    public byte[] parameters() {
        return parameters.clone();
    }
}
