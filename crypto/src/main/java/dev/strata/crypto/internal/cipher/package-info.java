/**
 * AEAD cipher services over the JDK's SunJCE provider: AES-256-GCM and ChaCha20-Poly1305.
 * <p>
 * Nonce scheme (see {@link dev.strata.crypto.internal.cipher.NonceSequence}): 12 bytes = a 4-byte random prefix
 * chosen each time a cipher service starts + an 8-byte counter. The counter is reserved in ranges of 2^20 in a
 * small state file ({@code ${strata.home}/data/crypto/nonces-<algorithm>.state}) under a file lock, before any
 * nonce of the range is used; so every restart, and every other process sharing the file, continues above all
 * nonces ever handed out, deterministically. The random prefix separates sequences that do not share the file (a
 * restored or deleted state file, a keystore copied to another machine): they collide only with the same prefix
 * (2^-32) and overlapping counter ranges. A random 96-bit nonce alone would limit a key to about 2^32 messages.
 */
package dev.strata.crypto.internal.cipher;
