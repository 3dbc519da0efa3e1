package dev.strata.crypto.internal.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.PassphraseKey;
import dev.strata.api.crypto.PassphraseKeyDerivation;

class Argon2idKeyDerivationTest {

    /** A cheap cost keeps the suite fast; the production default is 64 MiB, 3 passes. */
    private final PassphraseKeyDerivation kdf = new Argon2idKeyDerivation(1024, 1, 1);
    private final char[] passphrase = "archive passphrase".toCharArray();

    @Test
    void derivesTheSameKeyAgainFromTheStoredParameters() {
        PassphraseKey made = kdf.newKey(passphrase);
        DataKey again = kdf.deriveKey(passphrase, made.parameters());
        DataKey andAgain = kdf.deriveKey(passphrase.clone(), made.parameters());
        assertArrayEquals(made.key().secret().getEncoded(), again.secret().getEncoded());
        assertArrayEquals(again.secret().getEncoded(), andAgain.secret().getEncoded());
        assertEquals(32, again.secret().getEncoded().length);
        assertEquals("passphrase", again.alias());
    }

    @Test
    void eachNewKeyHasItsOwnSalt() {
        PassphraseKey one = kdf.newKey(passphrase);
        PassphraseKey two = kdf.newKey(passphrase);
        assertFalse(Arrays.equals(one.key().secret().getEncoded(), two.key().secret().getEncoded()));
        assertFalse(Arrays.equals(one.parameters(), two.parameters()));
    }

    @Test
    void aWrongPassphraseIsRefusedInsteadOfYieldingAnotherKey() {
        PassphraseKey made = kdf.newKey(passphrase);
        assertThrows(WrongKeyException.class, () -> kdf.deriveKey("archive passphrasE".toCharArray(),
                made.parameters()));
    }

    @Test
    void theStoredCostIsUsedNotTheConfiguredOne() {
        PassphraseKey made = new Argon2idKeyDerivation(2048, 2, 2).newKey(passphrase);
        ByteBuffer parameters = ByteBuffer.wrap(made.parameters());
        assertEquals(2048, parameters.getInt(6));
        assertEquals(2, parameters.getInt(10));
        assertEquals(2, parameters.getInt(14));
        assertArrayEquals(made.key().secret().getEncoded(),
                kdf.deriveKey(passphrase, made.parameters()).secret().getEncoded());
    }

    @Test
    void damagedParametersAreCorruptionOrAWrongKey() {
        byte[] parameters = kdf.newKey(passphrase).parameters();
        assertThrows(CorruptionException.class, () -> kdf.deriveKey(passphrase, new byte[3]));
        assertThrows(CorruptionException.class,
                () -> kdf.deriveKey(passphrase, Arrays.copyOf(parameters, parameters.length - 1)));
        assertThrows(CorruptionException.class,
                () -> kdf.deriveKey(passphrase, Arrays.copyOf(parameters, parameters.length + 1)));
        byte[] hugeMemory = parameters.clone();
        ByteBuffer.wrap(hugeMemory).putInt(6, Integer.MAX_VALUE);
        assertThrows(CorruptionException.class, () -> kdf.deriveKey(passphrase, hugeMemory));
        byte[] otherSalt = parameters.clone();
        otherSalt[20] ^= 1;
        assertThrows(WrongKeyException.class, () -> kdf.deriveKey(passphrase, otherSalt));
    }

    @Test
    void badArgumentsAreInvalidArguments() {
        assertThrows(InvalidArgumentException.class, () -> kdf.newKey(new char[0]));
        assertThrows(InvalidArgumentException.class, () -> kdf.newKey(null));
        assertThrows(InvalidArgumentException.class, () -> kdf.deriveKey(passphrase, null));
        assertThrows(InvalidArgumentException.class, () -> new Argon2idKeyDerivation(4, 1, 1));
        assertThrows(InvalidArgumentException.class, () -> new Argon2idKeyDerivation(1024, 0, 1));
        assertThrows(InvalidArgumentException.class, () -> new Argon2idKeyDerivation(1024, 1, 17));
    }
}
