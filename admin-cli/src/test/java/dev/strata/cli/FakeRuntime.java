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
    /** The "files" store's data, for the data browser. */
    final java.util.TreeMap<String, byte[]> data = new java.util.TreeMap<>();
    /** Maintenance and changes the beans were asked for, in order. */
    static final List<String> actions = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The engine migrations the CLI submitted. */
    final FakeEngineMigrations engineMigrations = new FakeEngineMigrations();
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
        beans.registerMBean(new Jobs(), ObjectNames.jobs());
        beans.registerMBean(new FakeData(data), ObjectNames.dataBrowser());
        beans.registerMBean(new FakeData.FileBackend(), ObjectNames.backend("file"));
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

    static String currentUser() {
        @SuppressWarnings("removal")
        Subject subject = Subject.getSubject(java.security.AccessController.getContext());
        return subject == null ? "" : subject.getPrincipals(JMXPrincipal.class).iterator().next().getName();
    }

    final class Runtime implements StrataRuntimeMXBean {
        @Override
        public String[] getStores() {
            return stores.toArray(String[]::new);
        }

        /** The CLI reads each store's bean; this fake's one store bean has the only figures there are. */
        @Override
        public dev.strata.api.management.StoreSummary[] getStoreSummaries() {
            FilesStore files = new FilesStore();
            return new dev.strata.api.management.StoreSummary[] {new dev.strata.api.management.StoreSummary(
                    files.getName(), files.getBackend(), files.getStatus(), files.getMessage(), files.getKeys(),
                    files.getDiskBytes(), files.getWalBytes(), files.getCacheHits(), files.getCacheMisses(),
                    files.getCacheHitRate(), files.getOperationsPerSecond(), files.getGetP99Micros())};
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

        @Override
        public dev.strata.api.management.SettingInfo[] getStoreForm(String backend) {
            if (!backend.equals("file")) {
                throw new dev.strata.api.NotFoundException("no backend of type '" + backend + "' is installed; installed: file");
            }
            return new dev.strata.api.management.SettingInfo[] {
                new dev.strata.api.management.SettingInfo("durability", "Durability", "", "STRING", "os",
                        List.of("none", "os", "fsync"), List.of("none", "os", "fsync"), false, "store"),
                new dev.strata.api.management.SettingInfo("segment.size", "Segment size", "", "LONG", "67108864",
                        List.of(), List.of(), false, "file")};
        }

        @Override
        public Map<String, String> getStoreDefinition(String name) {
            if (!stores.contains(name)) {
                throw new dev.strata.api.NotFoundException("no store named '" + name + "' is defined through ConfigAdmin");
            }
            return new java.util.TreeMap<>(Map.of("name", name, "backend", "file", "durability", "fsync",
                    "encryption.passphrase", "****"));
        }

        @Override
        public void changeStore(String name, Map<String, String> settings) {
            if (currentUser().equals("watcher")) {
                throw new SecurityException("Access denied: user 'watcher' (role monitor) may not changeStore");
            }
            actions.add("change " + name + " " + new java.util.TreeMap<>(settings));
        }
    }

    static final class FilesStore implements StoreMXBean {
        long hits = 10;
        long misses = 10;
        long puts = 100;

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
        @Override public double getOperationsPerSecond() { return 250.0; }
        @Override public long getConflicts() { return 0; }
        /** 50 more puts at every reading, so two readings a second apart give 50/s whatever the interval. */
        @Override public Map<String, dev.strata.api.OperationStats> getOperations() {
            puts += 50;
            return Map.of("put", new dev.strata.api.OperationStats(puts, 2, 30.0, 38.0, 40.0, 55.5),
                    "get", new dev.strata.api.OperationStats(7, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        @Override public Map<String, Long> getErrors() { return Map.of("StoreUnavailableException", 2L); }
        @Override public double getGetP99Micros() { return 12.5; }
        @Override public double getPutP99Micros() { return 40.0; }
        @Override public double getCommitP99Micros() { return 800.0; }
        @Override public String getHealth() { return "HEALTHY"; }
        @Override public String getHealthReason() { return "online"; }
        @Override public void checkpoint() { maintain("checkpoint"); }
        @Override public void compact() { maintain("compact"); }
        @Override public void close() { maintain("close"); }
        @Override public void open() { maintain("open"); }
        private void maintain(String operation) {
            if (currentUser().equals("watcher")) {
                throw new SecurityException("Access denied: user 'watcher' (role monitor) may not " + operation
                        + " on dev.strata:type=Store,name=files; needs role operator");
            }
            actions.add(operation + " files");
        }
        @Override public dev.strata.api.management.HistorySeries history(String figure, int seconds) {
            return new dev.strata.api.management.HistorySeries(figure, 1000, new long[] {1, 2}, new double[] {3, 4});
        }
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

    /** Backups of store "files" succeed after two progress steps; of any other store they fail. */
    final class Jobs implements dev.strata.api.management.JobsMXBean {
        private final java.util.Map<String, Integer> polls = new java.util.HashMap<>();
        private final java.util.Map<String, String> stores = new java.util.HashMap<>();

        private dev.strata.api.management.JobInfo info(String id) {
            int step = polls.getOrDefault(id, 0);
            boolean good = "files".equals(stores.get(id));
            dev.strata.api.management.JobState state = step < 2 ? dev.strata.api.management.JobState.RUNNING
                    : good ? dev.strata.api.management.JobState.SUCCEEDED : dev.strata.api.management.JobState.FAILED;
            return new dev.strata.api.management.JobInfo(id, "backup", stores.get(id), state, step * 50L, 100, step * 500L,
                    "step " + step, 1, 2, step < 2 ? 0 : 3, good && step >= 2 ? "/backups/x.strata-backup" : "",
                    java.util.List.of(stores.get(id)), currentUser(), 1000, 1e6, step < 2 ? 1000 : -1,
                    good || step < 2 ? "" : "disk full", java.util.List.of());
        }

        @Override public dev.strata.api.management.JobInfo[] getActive() { return new dev.strata.api.management.JobInfo[0]; }
        @Override public dev.strata.api.management.JobInfo[] history(int limit) {
            return stores.keySet().stream().map(this::info).toArray(dev.strata.api.management.JobInfo[]::new);
        }
        @Override public dev.strata.api.management.JobInfo job(String id) {
            return engineMigrations.has(id) ? engineMigrations.info(id) : info(id);
        }
        @Override public dev.strata.api.management.JobInfo awaitJob(String id, long timeoutMillis) {
            if (engineMigrations.has(id)) {
                return engineMigrations.poll(id);
            }
            polls.merge(id, 1, Integer::sum);
            return info(id);
        }
        @Override public dev.strata.api.management.JobInfo submitBackup(dev.strata.api.management.BackupRequest request) {
            String id = "job-" + (stores.size() + 1);
            stores.put(id, request.store());
            return info(id);
        }
        @Override public dev.strata.api.management.JobInfo submitRestore(dev.strata.api.management.RestoreRequest r) { throw new UnsupportedOperationException(); }
        @Override public dev.strata.api.management.JobInfo submitVerify(dev.strata.api.management.VerifyRequest r) { throw new UnsupportedOperationException(); }
        @Override public dev.strata.api.management.JobInfo submitMigrate(dev.strata.api.management.MigrateRequest r) { throw new UnsupportedOperationException(); }
        @Override public dev.strata.api.management.JobInfo submitArchive(dev.strata.api.management.ArchiveRequest r) { throw new UnsupportedOperationException(); }
        @Override public dev.strata.api.management.JobInfo submitMaintenance(dev.strata.api.management.MaintenanceRequest r) { throw new UnsupportedOperationException(); }
        @Override public dev.strata.api.management.JobInfo submitEngineMigration(dev.strata.api.management.EngineMigrationRequest r) {
            return engineMigrations.submit(r, currentUser());
        }
        @Override public dev.strata.api.management.JobInfo confirm(String id) { return engineMigrations.confirm(id, currentUser()); }
        @Override public dev.strata.api.management.JobInfo cancel(String id) { return info(id); }
        @Override public double getThrottle() { return 0; }
        @Override public void throttle(double megabytesPerSecond) { }
        @Override public int getMaxConcurrentJobs() { return 2; }
        @Override public byte[] readArchived(String store, String key) { return null; }
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
