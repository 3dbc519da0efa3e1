package dev.strata.jobs.internal.archive;

import dev.strata.api.CorruptionException;
import dev.strata.api.NotFoundException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;

/** Finds and proves the key of a sealed archive before any of its data is opened. */
public final class ArchiveKeys {

    private ArchiveKeys() {
    }

    /**
     * @return the archive's key, or {@code null} for an archive that is not encrypted
     * @throws NotFoundException  when this runtime's keystore lacks the alias or the key id
     * @throws WrongKeyException  when the keystore's key under that alias and id is not the one the archive was
     *                            sealed with
     */
    public static DataKey open(ArchiveHeader header, ArchiveCodecs codecs, String file) {
        if (!header.encrypted()) {
            return null;
        }
        AeadCipher cipher = codecs.cipher(header.cipher());
        DataKey key;
        try {
            key = codecs.keys().key(header.keyAlias(), header.keyId());
        } catch (NotFoundException e) {
            throw new NotFoundException("archive '" + file + "' is encrypted with key alias '" + header.keyAlias()
                    + "' (key #" + header.keyId() + "), which this runtime's keystore does not hold");
        }
        try {
            cipher.decrypt(key, header.checkNonce(), header.checkAssociatedData(), header.check(), 0,
                    header.check().length);
        } catch (CorruptionException e) {
            throw new WrongKeyException("archive '" + file + "' was sealed with another key than '"
                    + header.keyAlias() + "' #" + header.keyId() + " in this keystore; nothing was read or written");
        }
        return key;
    }
}
