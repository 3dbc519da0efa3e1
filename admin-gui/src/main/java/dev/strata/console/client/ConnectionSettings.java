package dev.strata.console.client;

import java.util.Arrays;

/**
 * Where a runtime is, who connects and how: plain sockets or TLS, and for TLS the truststore that holds the
 * runtime's certificate (none: the JDK's default trust, {@code javax.net.ssl.trustStore} if set).
 *
 * @param truststore a truststore file (PKCS12 or JKS), or empty
 * @param truststorePassword its password, empty for none
 */
public record ConnectionSettings(String host, int port, String user, char[] password, boolean tls,
        String truststore, char[] truststorePassword) {

    public ConnectionSettings {
        truststore = truststore == null ? "" : truststore;
        truststorePassword = truststorePassword == null ? new char[0] : truststorePassword;
    }

    /** Plain sockets, as a runtime without {@code strata.jmx.tls.keystore} speaks. */
    public static ConnectionSettings plain(String host, int port, String user, char[] password) {
        return new ConnectionSettings(host, port, user, password, false, "", new char[0]);
    }

    /** A copy whose secrets are copies too, for a reconnection after this one's are wiped. */
    public ConnectionSettings copy() {
        return new ConnectionSettings(host, port, user, password.clone(), tls, truststore, truststorePassword.clone());
    }

    /** Overwrites both passwords once they are no longer needed. */
    public void wipe() {
        Arrays.fill(password, '\0');
        Arrays.fill(truststorePassword, '\0');
    }

    @Override
    public String toString() {
        // never the passwords
        return user + "@" + host + ":" + port + (tls ? " over TLS" + (truststore.isEmpty() ? "" : " (" + truststore
                + ")") : "");
    }
}
