package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.management.AccessMXBean;
import dev.strata.api.management.ObjectNames;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector over TLS with a self-signed keystore made by the JDK's keytool: a client that trusts its certificate
 * connects with a password, a plain client and an anonymous one are refused, and a bad keystore fails the start.
 */
class JmxTlsTest {

    private static final char[] STORE_PASSWORD = "store-pw".toCharArray();

    @TempDir
    static Path dir;
    private static SSLContext previousDefault;
    private static JmxConnector connector;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("jmx.p12");
        keytool("-genkeypair", "-alias", "strata", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(STORE_PASSWORD));
        keytool("-exportcert", "-alias", "strata", "-keystore", keystore.toString(), "-storepass",
                new String(STORE_PASSWORD), "-file", dir.resolve("jmx.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "strata", "-file", dir.resolve("jmx.cer").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("trust.p12").toString(), "-storepass", "trust-pw");
        Files.writeString(dir.resolve("password"), new String(STORE_PASSWORD) + "\n");

        SSLContext server = JmxTls.fromProperties(Map.of(JmxTls.KEYSTORE, "jmx.p12", JmxTls.PASSWORD_FILE,
                "password")::get, dir).orElseThrow();
        MBeanServer beans = MBeanServerFactory.newMBeanServer();
        beans.registerMBean(new AccessBean(), ObjectNames.access());
        UserDirectory users = new UserDirectory(dir.resolve("jmx.users"));
        users.createIfMissing();
        users.put("watcher", Role.MONITOR, "watch-pw".toCharArray());
        port = freePort();
        connector = JmxConnector.start("127.0.0.1", port, beans, users, new AuditTrail(dir.resolve("audit.log")), server);
        // the stubs carry SslRMIClientSocketFactory, which uses the default context: the client's trust goes there
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(trusting(dir.resolve("trust.p12"), "trust-pw".toCharArray()));
    }

    @AfterAll
    static void stop() {
        connector.close();
        SSLContext.setDefault(previousDefault);
    }

    @Test
    void aClientThatTrustsTheCertificateConnectsWithItsPassword() throws Exception {
        assertTrue(connector.tls());
        try (JMXConnector client = JMXConnectorFactory.connect(connector.url(), tlsEnvironment("watcher", "watch-pw"))) {
            AccessMXBean access = JMX.newMXBeanProxy(client.getMBeanServerConnection(), ObjectNames.access(),
                    AccessMXBean.class);
            assertEquals("watcher", access.getUser());
            assertEquals("monitor", access.getRole());
        }
    }

    @Test
    void plainAndAnonymousClientsAreRefused() {
        Map<String, Object> plain = Map.of(JMXConnector.CREDENTIALS, new String[] {"watcher", "watch-pw"});
        assertThrows(IOException.class, () -> JMXConnectorFactory.connect(connector.url(), plain).close());
        Map<String, Object> anonymous = new HashMap<>(tlsEnvironment("watcher", "watch-pw"));
        anonymous.remove(JMXConnector.CREDENTIALS);
        SecurityException refused = assertThrows(SecurityException.class,
                () -> JMXConnectorFactory.connect(connector.url(), anonymous).close());
        assertTrue(refused.getMessage().contains("Credentials required"), refused.getMessage());
        assertThrows(SecurityException.class,
                () -> JMXConnectorFactory.connect(connector.url(), tlsEnvironment("watcher", "wrong")).close());
    }

    @Test
    void aKeystoreThatCannotBeReadStopsTheStartInsteadOfFallingBackToPlainSockets() {
        InvalidArgumentException wrong = assertThrows(InvalidArgumentException.class, () -> JmxTls.fromProperties(
                Map.of(JmxTls.KEYSTORE, "jmx.p12", JmxTls.PASSWORD, "not-it")::get, dir));
        assertTrue(wrong.getMessage().startsWith("cannot use the JMX keystore"), wrong.getMessage());
        InvalidArgumentException none = assertThrows(InvalidArgumentException.class, () -> JmxTls.fromProperties(
                Map.of(JmxTls.KEYSTORE, "jmx.p12")::get, dir));
        assertTrue(none.getMessage().contains("needs a password"), none.getMessage());
        assertTrue(JmxTls.fromProperties(Map.<String, String>of()::get, dir).isEmpty(), "no keystore: plain");
    }

    /** The registry is reached over TLS too: JNDI's RMI provider takes the socket factory from the environment. */
    private static Map<String, Object> tlsEnvironment(String user, String password) {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password},
                "com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
    }

    private static SSLContext trusting(Path truststore, char[] password) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            trusted.load(in, password);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), "keytool " + String.join(" ", arguments) + ": " + output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
