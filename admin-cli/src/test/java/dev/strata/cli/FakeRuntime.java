package dev.strata.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.management.AccessMXBean;
import dev.strata.api.management.AuditMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreMXBean;
import dev.strata.api.management.StrataRuntimeMXBean;

/**
 * A runtime as the CLI sees it: the real MXBean interfaces on a real password-checking RMI connector, with beans
 * that keep their state in fields. Users: {@code admin/pw} may do everything, {@code watcher/pw} may not define
 * stores (the bean refuses as the runtime's access control would: with a SecurityException).
 */
final class FakeRuntime implements AutoCloseable {

    final List<String> stores = new ArrayList<>(List.of("files"));
    final int port;
    private final Registry registry;
    private final JMXConnectorServer server;

    FakeRuntime() throws Exception {
        port = freePort();
        MBeanServer beans = MBeanServerFactory.newMBeanServer();
        beans.registerMBean(new Runtime(), ObjectNames.runtime());
        beans.registerMBean(new FilesStore(), ObjectNames.store("files"));
        beans.registerMBean(new Access(), ObjectNames.access());
        beans.registerMBean(new Audit(), ObjectNames.audit());
        registry = LocateRegistry.createRegistry(port);
        Map<String, Object> environment = Map.of(JMXConnectorServer.AUTHENTICATOR,
                (javax.management.remote.JMXAuthenticator) credentials -> {
                    String[] pair = (String[]) credentials;
                    if (!"pw".equals(pair[1]) || !Set.of("admin", "watcher").contains(pair[0])) {
                        throw new SecurityException("Invalid user name or password");
                    }
                    return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
                });
        server = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port
                + "/jmxrmi"), environment, beans);
        server.start();
    }

    private static String currentUser() {
        @SuppressWarnings("removal")
        Subject subject = Subject.getSubject(java.security.AccessController.getContext());
        return subject == null ? "" : subject.getPrincipals(JMXPrincipal.class).iterator().next().getName();
    }

    final class Runtime implements StrataRuntimeMXBean {
        @Override
        public String[] getStores() {
            return stores.toArray(String[]::new);
        }

        @Override
        public String[] getBackends() {
            return new String[] {"file dev.strata.backend-file 0.1.0"};
        }

        @Override
        public String[] getBundles() {
            return new String[] {"0 org.apache.felix.framework 7.0.5 ACTIVE"};
        }

        @Override
        public void defineStore(String name, String backend, Map<String, String> settings) {
            if (currentUser().equals("watcher")) {
                throw new SecurityException("Access denied: user 'watcher' (role monitor) may not defineStore");
            }
            if (name.contains(" ")) {
                throw new InvalidArgumentException("store names are letters, digits, '.', '_' or '-': '" + name + "'");
            }
            stores.add(name);
        }

        @Override
        public void removeStore(String name) {
            stores.remove(name);
        }

        @Override
        public long installBundle(String location) {
            return 42;
        }

        @Override
        public void uninstallBundle(long bundleId) {
        }
    }

    static final class FilesStore implements StoreMXBean {
        long hits = 10;
        long misses = 10;

        @Override public String getName() { return "files"; }
        @Override public String getBackend() { return "file"; }
        @Override public String getStatus() { return "ONLINE"; }
        @Override public String getMessage() { return ""; }
        @Override public String getDurability() { return "fsync"; }
        @Override public long getKeys() { return 1234; }
        @Override public long getDiskBytes() { return 4096; }
        @Override public long getWalBytes() { return 512; }
        @Override public long getMemoryBytes() { return -1; }
        @Override public long getCacheHits() { return hits += 3; }
        @Override public long getCacheMisses() { return misses += 1; }
        @Override public double getCacheHitRate() { return (double) hits / (hits + misses); }
        @Override public String getCompactionState() { return "idle"; }
    }

    static final class Access implements AccessMXBean {
        @Override public String getUser() { return currentUser(); }
        @Override public String getRole() { return currentUser().equals("admin") ? "admin" : "monitor"; }
        @Override public boolean canInvoke(String objectName, String operation) { return getRole().equals("admin"); }
    }

    static final class Audit implements AuditMXBean {
        @Override public long getEntryCount() { return 2; }
        @Override public String[] entries(long from, int max) { return new String[] {"0|a", "1|b"}; }
        @Override public String verify() { return "damaged: entry 1 does not match its hash"; }
    }

    @Override
    public void close() throws IOException {
        server.stop();
        UnicastRemoteObject.unexportObject(registry, true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
