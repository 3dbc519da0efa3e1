package dev.strata.crypto.internal.keys;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.strata.api.InvalidArgumentException;

/**
 * The keystore entry name of one key version: {@code <alias>#<id>}, for example {@code orders#3}. Aliases are
 * restricted to characters every keystore format and file name accepts, and are case-sensitive.
 *
 * @param alias the name a store configures
 * @param id    the key version under the alias, from {@value #FIRST_ID}
 */
record KeyEntryName(String alias, int id) {

    /** Ids start at 1, so that a block header may use 0 for "not encrypted". */
    static final int FIRST_ID = 1;

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENTRY = Pattern.compile("(" + ALIAS.pattern() + ")#([0-9]{1,9})");

    KeyEntryName {
        checkAlias(alias);
        if (id < FIRST_ID) {
            throw new InvalidArgumentException("key id must be at least " + FIRST_ID + ", not " + id);
        }
    }

    static String checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new InvalidArgumentException("key alias must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', '-' "
                    + "starting with a letter or digit, not " + (alias == null ? "null" : "'" + alias + "'"));
        }
        return alias;
    }

    /** The name of a keystore entry this bundle wrote; empty for entries it did not write. */
    static Optional<KeyEntryName> parse(String entry) {
        Matcher matcher = ENTRY.matcher(entry);
        if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < FIRST_ID) {
            return Optional.empty();
        }
        return Optional.of(new KeyEntryName(matcher.group(1), Integer.parseInt(matcher.group(2))));
    }

    @Override
    public String toString() {
        return alias + "#" + id;
    }
}
