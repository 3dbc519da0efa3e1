package dev.strata.crypto.internal.cipher;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;
import dev.strata.crypto.internal.ArgumentChecks;

/**
 * An {@link AeadCipher} over the JDK's own provider ({@value #JDK_PROVIDER}), which is several GB/s on AES-NI
 * hardware, where Bouncy Castle's GCM is about 100 MB/s. Nonces come from a {@link NonceSequence}.
 * <p>
 * {@link Cipher#getInstance} is slow (provider lookup, service instantiation), so each thread keeps one
 * {@code Cipher} per cipher service and re-initialises it per call. The thread-locals hold only JDK classes, so a
 * thread that outlives this bundle does not pin the bundle's class loader.
 * <p>
 * The JDK refuses to initialise ChaCha20-Poly1305 twice in a row with the same key and nonce, even to decrypt (so
 * reading a block just written, or reading it twice, would fail). Before an init to decrypt with the nonce of the
 * thread's previous init, the cipher is first initialised with a throw-away key. Encryption keeps the JDK's check.
 */
public class JcaAeadCipher implements AeadCipher {

    /** Service property value of AES-256 in Galois/Counter Mode. */
    public static final String AES_256_GCM = "AES-256-GCM";
    /** Service property value of ChaCha20 with the Poly1305 authenticator (RFC 8439). */
    public static final String CHACHA20_POLY1305 = "ChaCha20-Poly1305";
    /** The JDK's provider of AES-GCM and ChaCha20-Poly1305. */
    static final String JDK_PROVIDER = "SunJCE";

    private static final System.Logger LOG = System.getLogger(JcaAeadCipher.class.getName());

    private final AeadAlgorithm algorithm;
    private final NonceSequence nonces;
    private final ThreadLocal<Cipher> ciphers;
    /** The nonce of each thread's last successful init (nonces are not secret). */
    private final ThreadLocal<byte[]> lastNonces = new ThreadLocal<>();
    /** Never given to callers: initialising with it clears the cipher's memory of the last key and nonce. */
    private final SecretKey throwAwayKey;

    public JcaAeadCipher(AeadAlgorithm algorithm, NonceSequence nonces) {
        this.algorithm = algorithm;
        this.nonces = nonces;
        this.ciphers = ThreadLocal.withInitial(() -> newCipher(algorithm));
        byte[] material = new byte[AeadAlgorithm.KEY_LENGTH];
        new SecureRandom().nextBytes(material);
        this.throwAwayKey = new SecretKeySpec(material, algorithm.keyAlgorithm());
        ciphers.get(); // fail at activation, not at the first block, when the JDK lacks the algorithm
    }

    @Override
    public String algorithm() {
        return algorithm.serviceName();
    }

    @Override
    public int nonceLength() {
        return AeadAlgorithm.NONCE_LENGTH;
    }

    @Override
    public int tagLength() {
        return AeadAlgorithm.TAG_LENGTH;
    }

    @Override
    public byte[] newNonce() {
        return nonces.next();
    }

    @Override
    public byte[] encrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] plaintext, int offset,
            int length) {
        ArgumentChecks.checkRange("plaintext", plaintext, offset, length);
        Cipher cipher = initialised(Cipher.ENCRYPT_MODE, key, nonce, associatedData);
        try {
            return cipher.doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            lastNonces.remove();
            throw new StorageException(algorithm() + " encryption failed", e);
        }
    }

    @Override
    public byte[] decrypt(DataKey key, byte[] nonce, byte[] associatedData, byte[] ciphertext, int offset,
            int length) {
        ArgumentChecks.checkRange("ciphertext", ciphertext, offset, length);
        if (length < AeadAlgorithm.TAG_LENGTH) {
            throw new CorruptionException(algorithm() + " ciphertext of " + length
                    + " bytes is shorter than its authentication tag", null, -1);
        }
        Cipher cipher = initialised(Cipher.DECRYPT_MODE, key, nonce, associatedData);
        try {
            return cipher.doFinal(ciphertext, offset, length);
        } catch (AEADBadTagException e) {
            throw new CorruptionException(algorithm() + " authentication tag does not verify: the data, nonce or "
                    + "associated data was altered, or the key " + key + " is not the one it was written with",
                    null, -1, e);
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            lastNonces.remove();
            throw new StorageException(algorithm() + " decryption failed", e);
        }
    }

    private Cipher initialised(int mode, DataKey key, byte[] nonce, byte[] associatedData) {
        SecretKey secret = jcaKey(key);
        checkNonce(nonce);
        Cipher cipher = ciphers.get();
        try {
            if (mode == Cipher.DECRYPT_MODE && Arrays.equals(nonce, lastNonces.get())) {
                cipher.init(Cipher.DECRYPT_MODE, throwAwayKey, algorithm.parameters(nonce));
            }
            cipher.init(mode, secret, algorithm.parameters(nonce));
            lastNonces.set(nonce.clone());
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            // a key the provider cannot use, or encrypting twice in a row with the same key and nonce
            ciphers.remove();
            lastNonces.remove();
            throw new InvalidArgumentException(algorithm() + " refused key " + key + " or the nonce: "
                    + e.getMessage(), e);
        }
        if (associatedData != null && associatedData.length > 0) {
            cipher.updateAAD(associatedData);
        }
        return cipher;
    }

    /** The key as the JDK provider wants it: 256 bits, named for the algorithm (a keystore key is named "AES"). */
    private SecretKey jcaKey(DataKey key) {
        ArgumentChecks.checkNotNull("key", key);
        SecretKey secret = key.secret();
        byte[] encoded = secret.getEncoded();
        if (encoded == null || encoded.length != AeadAlgorithm.KEY_LENGTH) {
            throw new InvalidArgumentException(algorithm() + " needs a 256-bit key; " + key + " is "
                    + (encoded == null ? "not exportable" : encoded.length * Byte.SIZE + " bits"));
        }
        try {
            if (algorithm.keyAlgorithm().equalsIgnoreCase(secret.getAlgorithm())) {
                return secret;
            }
            return new SecretKeySpec(encoded, algorithm.keyAlgorithm());
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private void checkNonce(byte[] nonce) {
        ArgumentChecks.checkNotNull("nonce", nonce);
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new InvalidArgumentException(algorithm() + " needs a " + AeadAlgorithm.NONCE_LENGTH
                    + "-byte nonce, got " + nonce.length);
        }
    }

    private static Cipher newCipher(AeadAlgorithm algorithm) {
        try {
            return Cipher.getInstance(algorithm.transformation(), JDK_PROVIDER);
        } catch (NoSuchProviderException | NoSuchAlgorithmException e) {
            // a JDK without SunJCE (IBM Semeru has its own): take the first provider that offers the algorithm
            LOG.log(System.Logger.Level.WARNING, "{0} not available from {1}; using the default provider",
                    algorithm.transformation(), JDK_PROVIDER);
            return defaultProviderCipher(algorithm);
        } catch (NoSuchPaddingException e) {
            throw new StorageException("the JDK cannot provide " + algorithm.transformation(), e);
        }
    }

    private static Cipher defaultProviderCipher(AeadAlgorithm algorithm) {
        try {
            return Cipher.getInstance(algorithm.transformation());
        } catch (GeneralSecurityException e) {
            throw new StorageException("no provider offers " + algorithm.transformation(), e);
        }
    }
}
