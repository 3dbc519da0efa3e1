package dev.strata.console.connect;

/**
 * A saved connection: where a runtime is, who connects, and whether over TLS with which truststore. Never the JMX
 * password; the truststore's password only when the user asked to save it.
 *
 * @param truststorePassword {@code null} unless saved on purpose
 */
public record Profile(String name, String host, int port, String user, boolean tls, String truststore,
        String truststorePassword) {

    /** A plain-socket profile. */
    public Profile(String name, String host, int port, String user) {
        this(name, host, port, user, false, null, null);
    }

    @Override
    public String toString() {
        return name; // the profile picker shows names
    }
}
