package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import dev.strata.api.InvalidArgumentException;

/**
 * TLS for the JMX connector, on when a keystore is configured (framework properties in
 * {@code etc/config.properties}): {@value #KEYSTORE} the keystore file (relative paths from {@code strata.home}),
 * {@value #PASSWORD_FILE} a file whose first line is its password, or {@value #PASSWORD} the password itself;
 * {@value #TYPE} the keystore type, {@code PKCS12} unless it says otherwise. A keystore that is configured but cannot
 * be read stops the connector from starting: it never falls back to plain sockets.
 */
final class JmxTls {

    static final String KEYSTORE = "strata.jmx.tls.keystore";
    static final String PASSWORD = "strata.jmx.tls.keystore.password";
    static final String PASSWORD_FILE = "strata.jmx.tls.keystore.passwordFile";
    static final String TYPE = "strata.jmx.tls.keystore.type";

    private JmxTls() {
    }

    /**
     * @param properties the framework's properties by name (null when unset)
     * @return the server's TLS context, or empty when no keystore is configured
     * @throws InvalidArgumentException when the keystore, its password or its key cannot be read
     */
    static Optional<SSLContext> fromProperties(UnaryOperator<String> properties, Path home) {
        String keystore = blankToNull(properties.apply(KEYSTORE));
        if (keystore == null) {
            return Optional.empty();
        }
        char[] password = password(properties, home);
        String type = Optional.ofNullable(blankToNull(properties.apply(TYPE))).orElse("PKCS12");
        try {
            return Optional.of(context(home.resolve(keystore), type, password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    static SSLContext context(Path keystore, String type, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore keys = KeyStore.getInstance(type);
            keys.load(in, password);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidArgumentException("cannot use the JMX keystore " + keystore + " (" + KEYSTORE + "): "
                    + e.getMessage(), e);
        }
    }

    private static char[] password(UnaryOperator<String> properties, Path home) {
        String file = blankToNull(properties.apply(PASSWORD_FILE));
        if (file != null) {
            try {
                String text = Files.readString(home.resolve(file), StandardCharsets.UTF_8);
                return text.lines().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new InvalidArgumentException("cannot read the JMX keystore's password file " + file + " ("
                        + PASSWORD_FILE + "): " + e.getMessage(), e);
            }
        }
        String password = properties.apply(PASSWORD);
        if (password == null) {
            throw new InvalidArgumentException("the JMX keystore needs a password: set " + PASSWORD_FILE + " or "
                    + PASSWORD);
        }
        return password.toCharArray();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
