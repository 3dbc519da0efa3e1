package dev.strata.backend.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.crypto.SecretKey;

import dev.strata.api.InvalidArgumentException;

/**
 * The server password read from a secret-key entry of a PKCS#12 keystore file, as {@code keytool -importpass
 * -storetype PKCS12} writes it (or any secret key whose encoded bytes are the password in UTF-8). The keystore's own
 * password comes from a file or an environment variable, never from the configuration itself, so the configuration
 * (which is logged and shown) holds nothing secret. The crypto module opens its BCFKS keystores through a private
 * package; this is the JCA's own PKCS#12 keystore, no provider needed. Every failure names the setting at fault and
 * never carries a password.
 */
final class KeystorePassword {

    private KeystorePassword() {
    }

    /**
     * @param environment looks an environment variable up ({@code System::getenv} outside tests)
     * @throws InvalidArgumentException for a missing or unreadable file, a missing source of the keystore's password,
     *         a wrong keystore password, a missing alias, or an entry that is not a secret key
     */
    static String read(String keystore, String alias, String storePasswordFile, String storePasswordEnv,
            UnaryOperator<String> environment) {
        if (alias.isEmpty()) {
            throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_ALIAS + " is required with "
                    + PostgresSettings.PASSWORD_KEYSTORE);
        }
        char[] storePassword = storePassword(storePasswordFile, storePasswordEnv, environment);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(keystore))) {
                store.load(in, storePassword);
            }
            if (!store.containsAlias(alias)) {
                throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_ALIAS + ": the keystore "
                        + keystore + " has no entry '" + alias + "'");
            }
            Key key = store.getKey(alias, storePassword);
            if (!(key instanceof SecretKey secret) || secret.getEncoded() == null) {
                throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_ALIAS + ": the entry '" + alias
                        + "' of " + keystore + " is not a secret-key entry (keytool -importpass writes one)");
            }
            return decode(alias, secret.getEncoded());
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE + " names no file: " + keystore);
        } catch (IOException e) {
            // PKCS#12 reports a failed integrity check (the usual sign of a wrong password) as an IOException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new InvalidArgumentException(wrongPassword(keystore, storePasswordFile, storePasswordEnv));
            }
            throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE + ": cannot read " + keystore
                    + " as a PKCS#12 keystore (" + e.getClass().getSimpleName() + ")");
        } catch (UnrecoverableKeyException e) {
            throw new InvalidArgumentException(wrongPassword(keystore, storePasswordFile, storePasswordEnv));
        } catch (GeneralSecurityException e) {
            throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE + ": cannot read " + keystore
                    + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(storePassword, '\0');
        }
    }

    private static String wrongPassword(String keystore, String file, String env) {
        String source = file.isEmpty() ? PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_ENV + " (" + env + ")"
                : PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE + " (" + file + ")";
        return "wrong keystore password for " + keystore + " from " + source;
    }

    private static char[] storePassword(String file, String env, UnaryOperator<String> environment) {
        if (!file.isEmpty() && !env.isEmpty()) {
            throw new InvalidArgumentException("give one of " + PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE
                    + " and " + PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_ENV + ", not both");
        }
        if (!file.isEmpty()) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE
                            + ": the file " + file + " is empty");
                }
                return lines.get(0).toCharArray();
            } catch (IOException e) {
                throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE + ": cannot read "
                        + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (!env.isEmpty()) {
            String value = environment.apply(env);
            if (value == null || value.isEmpty()) {
                throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_ENV
                        + ": the environment variable " + env + " is not set");
            }
            return value.toCharArray();
        }
        throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE + " needs the keystore's password from "
                + PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_FILE + " or " + PostgresSettings.PASSWORD_KEYSTORE_PASSWORD_ENV);
    }

    private static String decode(String alias, byte[] encoded) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(encoded));
            if (chars.length() == 0) {
                throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_ALIAS + ": the entry '" + alias
                        + "' is empty");
            }
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidArgumentException(PostgresSettings.PASSWORD_KEYSTORE_ALIAS + ": the entry '" + alias
                    + "' does not hold a UTF-8 password");
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }
}
