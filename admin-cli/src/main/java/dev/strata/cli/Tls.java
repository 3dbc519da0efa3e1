package dev.strata.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of a TLS connector. The runtime hands out stubs with {@code SslRMIClientSocketFactory}, which
 * opens sockets from the JVM's default TLS context, so trusting the runtime's certificate means making a context
 * over the truststore the default (this is a process of its own: nothing else in it is affected).
 */
final class Tls {

    static final String TRUSTSTORE_PASSWORD_VARIABLE = "STRATA_TRUSTSTORE_PASSWORD";

    private Tls() {
    }

    /**
     * Trusts the certificates of the truststore (PKCS12 or JKS; its password from {@value #TRUSTSTORE_PASSWORD_VARIABLE}
     * when it has one). Without a truststore the JDK's own trust applies (a certificate signed by a public CA).
     */
    static void trust(Path truststore, Map<String, String> environment) {
        if (truststore == null) {
            return;
        }
        String password = environment.get(TRUSTSTORE_PASSWORD_VARIABLE);
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore trusted = KeyStore.getInstance(truststore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            trusted.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            SSLContext.setDefault(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot read the truststore " + truststore + ": " + e.getMessage()
                    + (password == null ? " (a password goes in " + TRUSTSTORE_PASSWORD_VARIABLE + ")" : ""));
        }
    }

    /** Whether the connection failed in the TLS handshake (or a plain client met a TLS server). */
    static boolean isHandshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof java.rmi.ConnectIOException
                    || t instanceof java.rmi.UnmarshalException && String.valueOf(t.getMessage()).contains("protocol")) {
                return true;
            }
        }
        return false;
    }

    static String reason(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }
}
