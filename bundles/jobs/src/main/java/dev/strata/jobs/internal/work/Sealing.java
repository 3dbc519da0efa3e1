package dev.strata.jobs.internal.work;

import dev.strata.api.NotFoundException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.jobs.internal.archive.ArchiveCodecs;

/**
 * The cipher and key a new archive is sealed with, resolved before the job is queued so that a missing alias is an
 * error at submission, not a failed job.
 *
 * @param cipher {@code null} for an archive that is not encrypted
 * @param key    {@code null} likewise
 */
record Sealing(AeadCipher cipher, DataKey key) {

    static final String ALGORITHM = "AES-256-GCM";
    static final Sealing NONE = new Sealing(null, null);

    static Sealing resolve(ArchiveCodecs codecs, String alias, boolean create) {
        if (alias == null || alias.isEmpty()) {
            return NONE;
        }
        AeadCipher cipher = codecs.cipher(ALGORITHM);
        KeyProvider keys = codecs.keys();
        if (keys.keyIds(alias).isEmpty() && !create) {
            throw new NotFoundException("key alias '" + alias + "' is not in the keystore (create it with the "
                    + "backup's newkey option, or name an existing alias)");
        }
        return new Sealing(cipher, keys.currentKey(alias));
    }
}
