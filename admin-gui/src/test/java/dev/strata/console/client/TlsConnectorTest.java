package dev.strata.console.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.security.auth.Subject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.api.management.AccessMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.console.connect.ConnectViewModel;
import dev.strata.console.shell.Background;

/**
 * The login form against a real TLS JMX connector in this JVM, set up as {@code bundles/management}'s
 * {@code JmxConnector} sets up its own with {@code strata.jmx.tls.keystore}: an RMI registry and an RMI connector on
 * one port, both on TLS server sockets from the runtime's keystore, stubs carrying {@link SslRMIClientSocketFactory},
 * a password check. The keystore and truststore are made with {@code keytool} for this run. The console's real
 * classes connect ({@link ConnectViewModel} over {@link JmxRuntimeClient#connect}, {@link SessionTrust}), in the
 * order an operator would meet the failures: plain sockets, TLS without the truststore, a wrong truststore password,
 * a wrong login, then connected.
 * <p>
 * Runs in a JVM of its own (the {@code tls-connector} surefire execution): the console makes its trust the JDK's
 * default TLS context and the RMI SSL factory keeps the first default it sees, so no other test shares that state.
 * The default context is put back afterwards anyway.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsConnectorTest {

    private static final String STORE_PASSWORD = "runtime-keys";
    private static final String TRUST_PASSWORD = "console-trust";

    @TempDir static Path dir;

    private static SSLContext jdkDefault;
    private static boolean hostnameSet;
    private static Registry registry;
    private static JMXConnectorServer server;
    private static int port;
    private static Path truststore;

    /** As the runtime's {@code LoopbackSocketFactory}: TLS server sockets on the loopback address only. */
    private record LoopbackTls(SSLServerSocketFactory tls) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = tls.createServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return socket;
        }
    }

    /** The runtime's Access bean, as far as the console's connect reads it. */
    public static final class Access implements AccessMXBean {
        @Override public String getUser() { return "ops"; }
        @Override public String getRole() { return "operator"; }
        @Override public boolean canInvoke(String objectName, String operation) { return !operation.startsWith("define"); }
    }

    @BeforeAll
    static void startTlsConnector() throws Exception {
        jdkDefault = SSLContext.getDefault();
        Path keystore = dir.resolve("runtime.p12");
        Path certificate = dir.resolve("runtime.pem");
        truststore = dir.resolve("console-trust.p12");
        keytool("-genkeypair", "-alias", "runtime", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "runtime", "-keystore", keystore.toString(), "-storepass",
                STORE_PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "runtime", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", TRUST_PASSWORD);

        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1"); // as JmxConnector does
            hostnameSet = true;
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);

        port = freePort();
        LoopbackTls sockets = new LoopbackTls(tls.getServerSocketFactory());
        SslRMIClientSocketFactory clientSockets = new SslRMIClientSocketFactory();
        registry = LocateRegistry.createRegistry(port, clientSockets, sockets);
        MBeanServer beans = MBeanServerFactory.newMBeanServer();
        beans.registerMBean(new Access(), ObjectNames.access());
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
            if (credentials instanceof String[] pair && pair.length == 2 && "ops".equals(pair[0])
                    && "secret".equals(pair[1])) {
                return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
            }
            throw new SecurityException("Invalid user name or password");
        });
        environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        environment.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(),
            String.class.getName()});
        RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(port, clientSockets, sockets, environment);
        server = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port), environment,
                rmiServer, beans);
        server.start();
        registry.rebind("jmxrmi", rmiServer.toStub());
    }

    @AfterAll
    static void stopTlsConnector() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (registry != null) {
            try {
                UnicastRemoteObject.unexportObject(registry, true);
            } catch (NoSuchObjectException gone) {
                // already unexported
            }
        }
        if (hostnameSet) {
            System.clearProperty("java.rmi.server.hostname");
        }
        if (jdkDefault != null) {
            SSLContext.setDefault(jdkDefault); // what SessionTrust set: back to the JDK's own
        }
    }

    @Test
    void theLoginFormExplainsEachTlsMistakeThenConnectsWithTheTruststore() {
        List<RuntimeClient> connected = new ArrayList<>();
        ConnectViewModel form = new ConnectViewModel(JmxRuntimeClient::connect, Background.direct(), connected::add);
        form.hostProperty().set("127.0.0.1");
        form.portProperty().set(Integer.toString(port));
        form.userProperty().set("ops");
        form.passwordProperty().set("secret");
        String where = "127.0.0.1:" + port;

        form.connect(); // TLS not ticked
        assertEquals("The runtime at " + where + " did not answer over plain sockets: its connector probably uses "
                + "TLS; tick TLS and choose its truststore", form.messageProperty().get());

        form.tlsProperty().set(true); // no truststore: the JDK's default trust, which has not this certificate
        form.connect();
        assertEquals("The runtime at " + where + " speaks TLS but its certificate is not in the truststore (choose "
                + "the truststore that holds it)", form.messageProperty().get());

        form.truststoreProperty().set(truststore.toString());
        form.truststorePasswordProperty().set("not-its-password");
        form.connect();
        assertTrue(form.messageProperty().get().startsWith("Cannot read the truststore " + truststore
                + " (wrong password or not a PKCS12/JKS file): "), form.messageProperty().get());

        form.truststorePasswordProperty().set(TRUST_PASSWORD);
        form.passwordProperty().set("wrong");
        form.connect();
        assertEquals("Login refused: Invalid user name or password", form.messageProperty().get(),
                "over TLS, the runtime's own refusal");
        assertTrue(connected.isEmpty());

        form.passwordProperty().set("secret");
        form.connect();
        assertEquals("", form.messageProperty().get());
        assertFalse(form.busyProperty().get());
        assertEquals(1, connected.size(), "connected over TLS with the truststore");
        try (RuntimeClient client = connected.get(0)) {
            assertEquals("ops", client.user());
            assertEquals("operator", client.role(), "read from the runtime's Access bean over the TLS connection");
            assertTrue(client.canInvoke(ObjectNames.runtime().toString(), "getStores"));
            assertFalse(client.canInvoke(ObjectNames.runtime().toString(), "defineStore"), "asked of the runtime");
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool ended");
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", arguments) + ": " + output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
