/**
 * Crypto and compression as OSGi services, implemented by the crypto bundle and used by engines, backups and
 * archives: {@link dev.strata.api.crypto.AeadCipher} (authenticated encryption),
 * {@link dev.strata.api.crypto.KeyProvider} (keys with ids, so stores can be re-keyed),
 * {@link dev.strata.api.crypto.Compressor} (LZ4, zstd, deflate, none) and
 * {@link dev.strata.api.crypto.PassphraseKeyDerivation} (keys from passphrases, for backups and archives).
 */
@Export
@Version("0.2.0")
package dev.strata.api.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
