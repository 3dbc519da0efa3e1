/**
 * Key management: the {@link dev.strata.api.crypto.KeyProvider} over a Bouncy Castle BCFKS keystore (entries
 * {@code <alias>#<id>}, ids from 1), and Argon2id passphrase keys with stored salt, cost and key check value.
 * Bouncy Castle is used through its own provider instance and lightweight API, never registered with the JCA.
 */
package dev.strata.crypto.internal.keys;
