package dev.strata.crypto.internal.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;

class BcfksKeyProviderTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("etc/strata-keys.bcfks");
    }

    @Test
    void createsTheKeystoreWithTheFirstKeyAndReopensIt() throws Exception {
        KeyProvider created = new BcfksKeyProvider(file(), PASSPHRASE);
        assertFalse(Files.exists(file()), "nothing is written before there is a key");
        DataKey first = created.currentKey("orders");
        assertEquals("orders", first.alias());
        assertEquals(1, first.id());
        assertEquals(32, first.secret().getEncoded().length);
        assertTrue(Files.exists(file()));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file()));

        KeyProvider reopened = new BcfksKeyProvider(file(), PASSPHRASE);
        DataKey again = reopened.currentKey("orders");
        assertEquals(1, again.id());
        assertArrayEquals(first.secret().getEncoded(), again.secret().getEncoded());
        assertEquals(first.secret().getAlgorithm(), again.secret().getAlgorithm());
    }

    @Test
    void rotationMakesANewCurrentKeyAndOldIdsStayReadableAfterReopening() {
        KeyProvider keys = new BcfksKeyProvider(file(), PASSPHRASE);
        DataKey first = keys.currentKey("orders");
        DataKey second = keys.rotate("orders");
        DataKey third = keys.rotate("orders");
        keys.currentKey("audit");
        assertEquals(List.of(2, 3), List.of(second.id(), third.id()));
        assertEquals(3, keys.currentKey("orders").id());
        assertNotEquals(List.of(first.secret().getEncoded()), List.of(second.secret().getEncoded()));

        KeyProvider reopened = new BcfksKeyProvider(file(), PASSPHRASE);
        assertEquals(List.of(1, 2, 3), reopened.keyIds("orders"));
        assertEquals(List.of(1), reopened.keyIds("audit"));
        assertEquals(3, reopened.currentKey("orders").id());
        assertArrayEquals(first.secret().getEncoded(), reopened.key("orders", 1).secret().getEncoded());
        assertArrayEquals(second.secret().getEncoded(), reopened.key("orders", 2).secret().getEncoded());
        assertArrayEquals(third.secret().getEncoded(), reopened.key("orders", 3).secret().getEncoded());
        assertEquals(4, reopened.rotate("orders").id());
    }

    @Test
    void rotatingAnUnknownAliasCreatesItsFirstKey() {
        KeyProvider keys = new BcfksKeyProvider(file(), PASSPHRASE);
        assertEquals(List.of(), keys.keyIds("fresh"));
        assertEquals(1, keys.rotate("fresh").id());
    }

    @Test
    void aWrongPassphraseFailsEveryCallBeforeAnyKeyIsReturned() {
        new BcfksKeyProvider(file(), PASSPHRASE).currentKey("orders");
        KeyProvider wrong = new BcfksKeyProvider(file(), "not the passphrase".toCharArray());
        assertThrows(WrongKeyException.class, () -> wrong.currentKey("orders"));
        assertThrows(WrongKeyException.class, () -> wrong.key("orders", 1));
        assertThrows(WrongKeyException.class, () -> wrong.rotate("orders"));
        assertThrows(WrongKeyException.class, () -> wrong.keyIds("orders"));
        assertEquals(List.of(1), new BcfksKeyProvider(file(), PASSPHRASE).keyIds("orders"), "file unchanged");
    }

    @Test
    void noPassphraseAtAllIsAWrongKeyNamingWhereToSetIt() {
        KeyProvider none = new BcfksKeyProvider(file(), null);
        WrongKeyException refused = assertThrows(WrongKeyException.class, () -> none.currentKey("orders"));
        assertTrue(refused.getMessage().contains(KeyStoreConfig.PASSPHRASE_ENVIRONMENT), refused.getMessage());
    }

    @Test
    void aFileThatIsNotAKeystoreIsCorruptionNamingTheFile() throws Exception {
        Files.createDirectories(file().getParent());
        Files.write(file(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        KeyProvider keys = new BcfksKeyProvider(file(), PASSPHRASE);
        CorruptionException refused = assertThrows(CorruptionException.class, () -> keys.currentKey("orders"));
        assertEquals(file().toString(), refused.file().orElseThrow());
    }

    @Test
    void unknownIdsAreNotFoundAndBadAliasesInvalid() {
        KeyProvider keys = new BcfksKeyProvider(file(), PASSPHRASE);
        keys.currentKey("orders");
        assertThrows(NotFoundException.class, () -> keys.key("orders", 2));
        assertThrows(NotFoundException.class, () -> keys.key("other", 1));
        assertThrows(NotFoundException.class, () -> keys.key("Orders", 1), "aliases are case-sensitive");
        for (String bad : new String[] {"", "has#hash", "has space", ".hidden", "x".repeat(65)}) {
            assertThrows(InvalidArgumentException.class, () -> keys.currentKey(bad), bad);
        }
        assertThrows(InvalidArgumentException.class, () -> keys.rotate(null));
    }

    @Test
    void configuredPassphraseWinsOverTheEnvironment() {
        assertArrayEquals("config".toCharArray(), BcfksKeyProvider.choosePassphrase("config", "env"));
        assertArrayEquals("env".toCharArray(), BcfksKeyProvider.choosePassphrase("", "env"));
        assertNull(BcfksKeyProvider.choosePassphrase("", null));
    }

    @Test
    void theComponentReadsPathAndPassphraseFromItsConfiguration() {
        Path configured = folder.resolve("custom/keys.bcfks");
        KeyStoreConfig config = new KeyStoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return KeyStoreConfig.class;
            }

            @Override
            public String path() {
                return configured.toString();
            }

            @Override
            public String _passphrase() {
                return "from config";
            }
        };
        new BcfksKeyProvider(null, config).currentKey("orders");
        assertEquals(List.of(1), new BcfksKeyProvider(configured, "from config".toCharArray()).keyIds("orders"));
    }
}
