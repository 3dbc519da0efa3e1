package dev.strata.api.crypto;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keys derived from passphrases (for backups and archives that must be opened where the keystore is not), with a
 * memory-hard function (Argon2id in the crypto bundle). Registered as a service. Thread-safe.
 * <p>
 * The parameters a key was made with travel with the data, so a later change of the configured cost does not make
 * old archives unreadable, and they carry a key check value so a wrong passphrase is refused instead of producing
 * garbage.
 */
@ProviderType
public interface PassphraseKeyDerivation {

    /** Derives a new key from the passphrase with a fresh random salt and the configured cost. */
    PassphraseKey newKey(char[] passphrase);

    /**
     * Derives the key again from the passphrase and the parameters {@link #newKey} returned.
     *
     * @throws dev.strata.api.WrongKeyException     when the passphrase does not match the parameters' key check value
     * @throws dev.strata.api.CorruptionException   when the parameters are not a valid record
     */
    DataKey deriveKey(char[] passphrase, byte[] parameters);
}
