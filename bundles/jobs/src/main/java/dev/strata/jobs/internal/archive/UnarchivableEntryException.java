package dev.strata.jobs.internal.archive;

import dev.strata.api.InvalidArgumentException;

/**
 * An entry the archive format cannot hold: a key over 65,535 UTF-8 bytes (its length is a u16), more than 255 tags
 * or a tag over 255 UTF-8 bytes (counts and lengths are u8), or an entry that would take a chunk past the most a
 * reader accepts. The Store API's own limits ({@code Store.MAX_KEY_BYTES}, {@code PutOptions.MAX_TAGS},
 * {@code PutOptions.MAX_TAG_BYTES}) keep every stored key far inside these; the check makes sure an entry that is not
 * is refused by name instead of being written truncated into an archive that would then read back wrong.
 */
public class UnarchivableEntryException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public UnarchivableEntryException(String message) {
        super(message);
    }
}
