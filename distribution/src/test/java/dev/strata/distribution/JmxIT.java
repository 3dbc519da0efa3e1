package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.inject.Inject;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;

import dev.strata.api.StorageService;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.AuditMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreMXBean;
import dev.strata.api.management.StrataRuntimeMXBean;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The runtime's JMX connector as a client meets it: the real connector on the port of etc/config.properties, users
 * from the runtime's etc/jmx.users (written here in its documented format), roles enforced on the real beans, and
 * the audit trail they leave.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JmxIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(JmxIT.class);
    }

    @Test
    public void rolesAreEnforcedOnTheRealBeansAndEveryChangeAndRefusalIsAudited() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("watcher = monitor:" + hash("watch-pw"), "root = admin:" + hash("root-pw")),
                StandardCharsets.UTF_8);
        Stores.awaitStatus(storage, "default", StoreStatus.ONLINE);
        storage.store("default").put("jmx.a", Stores.bytes("1"));
        storage.store("default").put("jmx.b", Stores.bytes("2"));

        assertThrows(SecurityException.class, () -> connect(null, null));
        assertThrows(SecurityException.class, () -> connect("root", "wrong"));

        try (JMXConnector monitor = connect("watcher", "watch-pw")) {
            MBeanServerConnection beans = monitor.getMBeanServerConnection();
            Await.until("the store beans are registered", () -> registered(beans, ObjectNames.store("default")));
            StoreMXBean store = JMX.newMXBeanProxy(beans, ObjectNames.store("default"), StoreMXBean.class);
            assertEquals("ONLINE", store.getStatus());
            assertEquals(2, store.getKeys());
            StrataRuntimeMXBean runtime = JMX.newMXBeanProxy(beans, ObjectNames.runtime(), StrataRuntimeMXBean.class);
            assertTrue(List.of(runtime.getStores()).contains("files"));
            assertThrows(SecurityException.class, () -> runtime.defineStore("by-monitor", "memory", Map.of()));
        }
        assertTrue("a refused definition defines nothing", storage.findStore("by-monitor").isEmpty());

        try (JMXConnector admin = connect("root", "root-pw")) {
            MBeanServerConnection beans = admin.getMBeanServerConnection();
            JMX.newMXBeanProxy(beans, ObjectNames.runtime(), StrataRuntimeMXBean.class)
                    .defineStore("by-admin", "memory", Map.of("durability", "none"));
            Stores.awaitStatus(storage, "by-admin", StoreStatus.ONLINE);
            AuditMXBean audit = JMX.newMXBeanProxy(beans, ObjectNames.audit(), AuditMXBean.class);
            String[] entries = audit.entries(0, 100);
            String all = String.join("\n", entries);
            assertTrue(all, all.contains("|root|127.0.0.1|login|jmx||refused"));
            assertTrue(all, all.contains("|watcher|127.0.0.1|defineStore|dev.strata:type=Runtime|(by-monitor, memory, {})|denied"));
            assertTrue(all, all.contains("|root|127.0.0.1|defineStore|dev.strata:type=Runtime|(by-admin, memory, {durability=none})|ok"));
            assertEquals("ok: " + entries.length + " entries", audit.verify());
        }
    }

    private static boolean registered(MBeanServerConnection beans, javax.management.ObjectName name) {
        try {
            return beans.isRegistered(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Connects without JNDI (the test runs inside the framework, whose class loaders hide the JNDI providers). */
    private static JMXConnector connect(String user, String password) throws Exception {
        int port = Integer.parseInt(System.getProperty("strata.it.jmx.port", "9099"));
        RMIServer server = (RMIServer) LocateRegistry.getRegistry("127.0.0.1", port).lookup("jmxrmi");
        RMIConnector connector = new RMIConnector(server, null);
        connector.connect(user == null ? Map.of() : Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
        return connector;
    }

    /** A hash in the users file's documented format: pbkdf2-sha256$iterations$salt$hash. */
    private static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 1000;
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
}
