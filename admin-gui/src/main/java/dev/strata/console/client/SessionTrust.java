package dev.strata.console.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.strata.console.shell.Messages;

/**
 * What this console trusts over TLS: the JDK's default trust plus every truststore given in a login form this
 * session. One process-wide context, because the runtime's connector stub carries an
 * {@code SslRMIClientSocketFactory}, which always uses the JDK's default context (and keeps the first one it saw):
 * so the default context is set once, and its trust grows as truststores are added; several runtimes, each with its
 * own truststore, can then be connected side by side.
 */
final class SessionTrust implements X509TrustManager {

    private static SessionTrust installed;

    private final List<X509TrustManager> managers = new CopyOnWriteArrayList<>();

    private SessionTrust() {
        managers.add(managerOf(null)); // the JDK's defaults (cacerts, or javax.net.ssl.trustStore)
    }

    /** Adds the truststore's certificates to what the console trusts (installed as the default context once). */
    static synchronized void add(Path truststore, char[] password) {
        if (!Files.isRegularFile(truststore)) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, Messages.get("connect.noTruststore", truststore));
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(truststore.toFile(), password.length == 0 ? null : password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, Messages.get("connect.badTruststore", truststore,
                    e.getMessage()));
        }
        install();
        installed.managers.add(managerOf(store));
    }

    /**
     * Makes this the JDK's default context, before any TLS connection of this console: the RMI stubs' SSL factory
     * keeps the default socket factory it first sees, so a truststore added later would otherwise not count.
     */
    static synchronized void install() {
        if (installed != null) {
            return;
        }
        SessionTrust trust = new SessionTrust();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            SSLContext.setDefault(context);
        } catch (GeneralSecurityException e) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, Messages.get("connect.tlsSetup", e.getMessage()));
        }
        installed = trust;
    }

    private static X509TrustManager managerOf(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, Messages.get("connect.tlsSetup", e.getMessage()));
        }
        throw new ConsoleException(ConsoleException.Kind.FAILED, Messages.get("connect.tlsSetup",
                Messages.get("connect.noTrustManager")));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateException last = null;
        for (X509TrustManager manager : managers) {
            try {
                manager.checkServerTrusted(chain, authType);
                return; // one truststore that trusts it is enough
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw last != null ? last : new CertificateException("no truststore");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the console does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }
}
