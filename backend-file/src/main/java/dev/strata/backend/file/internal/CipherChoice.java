package dev.strata.backend.file.internal;

import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.crypto.AeadCipher;

/**
 * Which AEAD cipher an encrypted store uses: the one its manifest records, chosen by name (the
 * {@value AeadCipher#ALGORITHM_PROPERTY} service property), never whichever service happens to come first. A
 * configuration ({@code encryption.cipher}) asking for another one than the store records is refused before any key
 * is tried: that is a configuration mistake, not a wrong key.
 */
final class CipherChoice {

    /** For a new store when {@code encryption.cipher} is not set. */
    static final String DEFAULT_ALGORITHM = "AES-256-GCM";
    static final String SETTING = "encryption.cipher";

    private CipherChoice() {
    }

    /**
     * @param configured the {@code encryption.cipher} setting, {@code null} when not set
     * @param recorded   what the store's manifest records, {@code null} for a new store or one from before
     * @throws InvalidArgumentException when both are given and differ
     */
    static String algorithm(String storeName, String configured, String recorded) {
        if (configured != null && recorded != null && !configured.equals(recorded)) {
            throw new InvalidArgumentException("store '" + storeName + "' is encrypted with " + recorded + " but "
                    + SETTING + " asks for " + configured + ": a store keeps the cipher it was created with (leave "
                    + SETTING + " blank or set it to " + recorded + ")");
        }
        return recorded != null ? recorded : configured != null ? configured : DEFAULT_ALGORITHM;
    }

    /** The installed cipher service of that name, or {@code null}: the caller reports what is missing. */
    static AeadCipher service(Map<String, AeadCipher> installed, String algorithm) {
        return installed.get(algorithm);
    }

    static StoreUnavailableException missing(String storeName, String alias, String algorithm) {
        return new StoreUnavailableException("store '" + storeName + "' needs encryption (key alias '" + alias
                + "', cipher " + algorithm + ") but no AEAD cipher service with " + AeadCipher.ALGORITHM_PROPERTY
                + "=" + algorithm + " is installed");
    }
}
