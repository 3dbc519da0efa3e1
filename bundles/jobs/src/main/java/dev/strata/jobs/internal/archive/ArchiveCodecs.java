package dev.strata.jobs.internal.archive;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.KeyProvider;

/** The crypto bundle's services as an archive needs them; the job service binds them, tests pass real ones. */
public interface ArchiveCodecs {

    /**
     * The codec to write with, or {@code null} for {@code none}.
     *
     * @throws dev.strata.api.StoreUnavailableException when that codec is not installed
     */
    Compressor compressor(String name);

    /** The codec a chunk names, by id (never 0, which means stored raw). */
    Compressor compressor(int id);

    /** @throws dev.strata.api.StoreUnavailableException when no cipher of that algorithm is installed */
    AeadCipher cipher(String algorithm);

    /** @throws dev.strata.api.StoreUnavailableException when no key provider is installed */
    KeyProvider keys();
}
