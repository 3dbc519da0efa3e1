package dev.strata.crypto.internal.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.PassphraseKey;
import dev.strata.api.crypto.PassphraseKeyDerivation;

/**
 * Passphrase keys with Argon2id (RFC 9106, version 1.3) from Bouncy Castle's lightweight API; the JDK has no
 * memory-hard KDF. The passphrase is encoded as UTF-8. Keys are named {@value #ALIAS}#{@value #KEY_ID}.
 */
@Component(service = PassphraseKeyDerivation.class, configurationPid = KdfConfig.PID)
@Designate(ocd = KdfConfig.class)
public final class Argon2idKeyDerivation implements PassphraseKeyDerivation {

    /** The alias of every derived {@link DataKey}: they live beside their data, not in the keystore. */
    public static final String ALIAS = "passphrase";
    public static final int KEY_ID = 1;

    private static final int KEY_BYTES = 32;
    private static final byte[] CHECK_LABEL = "strata argon2id key check v1".getBytes(StandardCharsets.US_ASCII);

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public Argon2idKeyDerivation(KdfConfig config) {
        this(config.memoryKiB(), config.iterations(), config.parallelism());
    }

    public Argon2idKeyDerivation(int memoryKiB, int iterations, int parallelism) {
        Argon2idParameters.checkCost(memoryKiB, iterations, parallelism);
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    @Override
    public PassphraseKey newKey(char[] passphrase) {
        checkPassphrase(passphrase);
        byte[] salt = new byte[Argon2idParameters.SALT_LENGTH];
        random.nextBytes(salt);
        byte[] material = derive(passphrase, memoryKiB, iterations, parallelism, salt);
        try {
            Argon2idParameters parameters = new Argon2idParameters(memoryKiB, iterations, parallelism, salt,
                    checkValue(material));
            return new PassphraseKey(dataKey(material), parameters.encode());
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public DataKey deriveKey(char[] passphrase, byte[] parameters) {
        checkPassphrase(passphrase);
        Argon2idParameters stored = Argon2idParameters.decode(parameters);
        byte[] material = derive(passphrase, stored.memoryKiB(), stored.iterations(), stored.parallelism(),
                stored.salt());
        try {
            if (!MessageDigest.isEqual(checkValue(material), stored.checkValue())) {
                throw new WrongKeyException("the passphrase does not match the key these parameters were made with");
            }
            return dataKey(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static byte[] derive(char[] passphrase, int memoryKiB, int iterations, int parallelism, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] material = new byte[KEY_BYTES];
        generator.generateBytes(passphrase, material);
        return material;
    }

    /** HMAC-SHA-256 of a fixed label under the key: reveals nothing about the key, identifies it. */
    private static byte[] checkValue(byte[] material) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(material));
        mac.update(CHECK_LABEL, 0, CHECK_LABEL.length);
        byte[] full = new byte[mac.getMacSize()];
        mac.doFinal(full, 0);
        return Arrays.copyOf(full, Argon2idParameters.CHECK_VALUE_LENGTH);
    }

    private static DataKey dataKey(byte[] material) {
        return new DataKey(ALIAS, KEY_ID, new SecretKeySpec(material, "AES"));
    }

    private static void checkPassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new InvalidArgumentException("passphrase must not be empty");
        }
    }
}
