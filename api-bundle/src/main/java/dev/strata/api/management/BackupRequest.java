package dev.strata.api.management;

import java.util.List;

/**
 * Back a store up, online, into one archive file: one read-only transaction is the snapshot, so writers keep
 * writing and the archive holds the store exactly as of one moment.
 *
 * @param store       the store to back up
 * @param file        the archive file to write; empty for a name in the job service's backup directory
 * @param compression codec name ({@code lz4}, {@code zstd}, {@code deflate}, {@code none}); empty for the default
 * @param keyAlias    the keystore alias of the key to encrypt with (AES-GCM); empty for no encryption
 * @param createKey   create the key alias in the keystore when it does not exist (otherwise a missing alias is
 *                    refused, so a typo never encrypts with a key nobody knows about)
 * @param testRestore after writing, restore the archive into a scratch memory store and compare digests
 */
public record BackupRequest(String store, String file, String compression, String keyAlias, boolean createKey,
        boolean testRestore)
        implements JobRequest {

    public BackupRequest {
        store = Requests.name("store", store);
        file = Requests.orEmpty(file);
        compression = Requests.orEmpty(compression);
        keyAlias = Requests.orEmpty(keyAlias);
    }

    /** A plain backup into the default directory, default compression, no encryption. */
    public static BackupRequest of(String store) {
        return new BackupRequest(store, "", "", "", false, false);
    }

    @Override
    public String type() {
        return "backup";
    }

    @Override
    public List<String> stores() {
        return List.of(store);
    }
}
