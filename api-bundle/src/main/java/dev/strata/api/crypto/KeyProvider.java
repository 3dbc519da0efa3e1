package dev.strata.api.crypto;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Data keys by alias and id, kept in a protected keystore. A store configures an alias; it encrypts with
 * {@link #currentKey(String)} and decrypts each block with the key whose id the block names.
 */
@ProviderType
public interface KeyProvider {

    /**
     * The key new data is written with; creates the alias with a first random key when it does not exist.
     *
     * @throws dev.strata.api.WrongKeyException when the keystore cannot be unlocked with the configured passphrase
     */
    DataKey currentKey(String alias);

    /**
     * A key by id, for reading data written before a re-key.
     *
     * @throws dev.strata.api.NotFoundException when the alias has no key with that id
     */
    DataKey key(String alias, int id);

    /** Creates a new key under the alias and makes it current. Older keys stay available for reading. */
    DataKey rotate(String alias);

    /** The ids under the alias, oldest first. */
    List<Integer> keyIds(String alias);
}
