package dev.strata.console.client;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import dev.strata.api.management.AccessMXBean;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.AuditMXBean;
import dev.strata.api.management.BackendMXBean;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.DataBrowserMXBean;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.SettingInfo;
import dev.strata.api.management.ValueView;
import dev.strata.api.management.VerifyRequest;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobsMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreMXBean;
import dev.strata.api.management.StoreSummary;
import dev.strata.api.management.StrataRuntimeMXBean;
import dev.strata.console.shell.Messages;

/** The console's connection to a runtime: its secured JMX connector and the MXBeans of {@code dev.strata}. */
public final class JmxRuntimeClient implements RuntimeClient {

    private final JMXConnector connector;
    private final MBeanServerConnection beans;
    private final AccessMXBean access;
    private final String user;
    private final String role;

    private JmxRuntimeClient(JMXConnector connector, MBeanServerConnection beans) {
        this.connector = connector;
        this.beans = beans;
        this.access = JMX.newMXBeanProxy(beans, ObjectNames.access(), AccessMXBean.class);
        // asked once here, on the connecting (worker) thread, so the window never waits for them
        this.user = call(access::getUser);
        this.role = call(access::getRole);
    }

    /** System property that ticks TLS for every connection (as before the login form had its TLS box). */
    public static final String TLS_PROPERTY = "strata.jmx.tls";

    /** Over plain sockets (a runtime without {@code strata.jmx.tls.keystore}). */
    public static JmxRuntimeClient connect(String host, int port, String user, char[] password) {
        return connect(ConnectionSettings.plain(host, port, user, password));
    }

    /** Connects as the settings say; both passwords are wiped afterwards. */
    public static JmxRuntimeClient connect(ConnectionSettings settings) {
        boolean tls = settings.tls() || Boolean.getBoolean(TLS_PROPERTY);
        try {
            if (tls && !settings.truststore().isEmpty()) {
                SessionTrust.add(java.nio.file.Path.of(settings.truststore()), settings.truststorePassword());
            }
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + settings.host() + ":"
                    + settings.port() + "/jmxrmi");
            Map<String, Object> environment = new java.util.HashMap<>();
            environment.put(JMXConnector.CREDENTIALS, new String[] {settings.user(), new String(settings.password())});
            if (tls) { // the registry over TLS too; the stubs' SSL factory uses the default context: see install()
                SessionTrust.install();
                environment.put("com.sun.jndi.rmi.factory.socket", new javax.rmi.ssl.SslRMIClientSocketFactory());
            }
            JMXConnector connector = JMXConnectorFactory.connect(url, environment);
            return new JmxRuntimeClient(connector, connector.getMBeanServerConnection());
        } catch (SecurityException e) {
            throw new ConsoleException(ConsoleException.Kind.REFUSED, Messages.get("connect.refused", e.getMessage()));
        } catch (IOException e) {
            throw ConnectFailures.describe(e, new ConnectionSettings(settings.host(), settings.port(),
                    settings.user(), new char[0], tls, settings.truststore(), new char[0]));
        } finally {
            settings.wipe();
        }
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public boolean canInvoke(String objectName, String operation) {
        return call(() -> access.canInvoke(objectName, operation));
    }

    /** Cleared once a runtime turns out to predate {@code Runtime.getStoreSummaries} (management API 0.8.0). */
    private volatile boolean summaries = true;

    /** Every tile's figures: one round trip for all stores, or one per store from an older runtime. */
    @Override
    public List<StoreFigures> stores() {
        return call(() -> summaries().stream().map(JmxRuntimeClient::figures).toList());
    }

    private List<StoreSummary> summaries() {
        if (summaries) {
            try {
                return Arrays.asList(runtime().getStoreSummaries());
            } catch (UndeclaredThrowableException e) {
                if (!(e.getCause() instanceof javax.management.AttributeNotFoundException)) {
                    throw e;
                }
                summaries = false;
            }
        }
        return StoreFiguresByBean.read(beans, runtime().getStores());
    }

    @Override
    public List<String> storeNames() {
        return call(() -> Arrays.stream(runtime().getStores()).sorted().toList());
    }

    private static StoreFigures figures(StoreSummary s) {
        return new StoreFigures(s.getName(), s.getBackend(), s.getStatus(), s.getMessage(), s.getKeys(),
                s.getDiskBytes(), s.getWalBytes(), s.getCacheHits(), s.getCacheMisses(), s.getCacheHitRate(),
                s.getOperationsPerSecond(), s.getGetP99Micros());
    }


    @Override
    public HistorySeries history(String store, String figure, int seconds) {
        return call(() -> store(store).history(figure, seconds));
    }

    @Override
    public List<JobInfo> activeJobs() {
        return call(() -> List.of(jobs().getActive()));
    }

    @Override
    public List<JobInfo> jobHistory(int limit) {
        return call(() -> List.of(jobs().history(limit)));
    }

    @Override
    public JobInfo submitBackup(BackupRequest request) {
        return call(() -> jobs().submitBackup(request));
    }

    @Override
    public JobInfo cancelJob(String id) {
        return call(() -> jobs().cancel(id));
    }

    @Override
    public JobInfo job(String id) {
        return RemoteCalls.call(Messages.get("client.what.jobLookup"), () -> jobs().job(id));
    }

    @Override
    public JobInfo confirmJob(String id) {
        return RemoteCalls.call(Messages.get("client.what.confirm"), () -> jobs().confirm(id));
    }

    @Override
    public List<String> auditEntries(int newest) {
        return call(() -> {
            AuditMXBean audit = JMX.newMXBeanProxy(beans, ObjectNames.audit(), AuditMXBean.class);
            long size = audit.getEntryCount();
            return List.of(audit.entries(Math.max(0, size - newest), newest));
        });
    }

    @Override
    public String verifyAudit() {
        return call(() -> JMX.newMXBeanProxy(beans, ObjectNames.audit(), AuditMXBean.class).verify());
    }

    @Override
    public JobInfo submitJob(JobRequest request) {
        return RemoteCalls.call(Messages.get("client.what.job", request.type()), () -> {
            JobsMXBean jobs = jobs();
            if (request instanceof BackupRequest backup) {
                return jobs.submitBackup(backup);
            } else if (request instanceof RestoreRequest restore) {
                return jobs.submitRestore(restore);
            } else if (request instanceof VerifyRequest verify) {
                return jobs.submitVerify(verify);
            } else if (request instanceof MigrateRequest migrate) {
                return jobs.submitMigrate(migrate);
            } else if (request instanceof ArchiveRequest archive) {
                return jobs.submitArchive(archive);
            } else if (request instanceof EngineMigrationRequest engine) {
                return jobs.submitEngineMigration(engine);
            } else if (request instanceof MaintenanceRequest maintenance) {
                return jobs.submitMaintenance(maintenance);
            }
            throw new IllegalArgumentException(Messages.get("client.cannotSubmit", request.type()));
        });
    }

    @Override
    public List<StoreRow> storeRows() {
        return RemoteCalls.call(Messages.get("client.what.storeList"), () -> {
            List<StoreRow> rows = new ArrayList<>();
            for (String name : runtime().getStores()) {
                StoreMXBean store = store(name);
                String health;
                String reason;
                try {
                    health = store.getHealth();
                    reason = store.getHealthReason();
                } catch (UndeclaredThrowableException older) {
                    health = ""; // a runtime before store health: the list still shows the status
                    reason = "";
                }
                rows.add(new StoreRow(name, store.getBackend(), store.getStatus(), store.getMessage(), health, reason));
            }
            return rows;
        });
    }

    @Override
    public void storeAction(String name, String action) {
        RemoteCalls.run(Messages.get("client.what.storeAction", action), () -> {
            StoreMXBean store = store(name);
            switch (action) {
                case "open" -> store.open();
                case "close" -> store.close();
                case "checkpoint" -> store.checkpoint();
                case "compact" -> store.compact();
                default -> throw new IllegalArgumentException("not a store action: " + action);
            }
        });
    }

    @Override
    public List<String> backendTypes() {
        return RemoteCalls.call(Messages.get("client.what.backendList"), () -> {
            TreeSet<String> types = new TreeSet<>();
            for (String line : runtime().getBackends()) {
                types.add(line.split(" ", 2)[0]); // "type bundle version"
            }
            return List.copyOf(types);
        });
    }

    @Override
    public List<SettingInfo> storeForm(String backend) {
        return RemoteCalls.call(Messages.get("client.what.storeForm"), () -> List.of(runtime().getStoreForm(backend)));
    }

    @Override
    public Map<String, String> storeDefinition(String name) {
        return RemoteCalls.call(Messages.get("client.what.definition"), () -> runtime().getStoreDefinition(name));
    }

    @Override
    public void defineStore(String name, String backend, Map<String, String> settings) {
        RemoteCalls.run(Messages.get("client.what.define"), () -> runtime().defineStore(name, backend, settings));
    }

    @Override
    public void changeStore(String name, Map<String, String> settings) {
        RemoteCalls.run(Messages.get("client.what.change"), () -> runtime().changeStore(name, settings));
    }

    @Override
    public void removeStore(String name) {
        RemoteCalls.run(Messages.get("client.what.remove"), () -> runtime().removeStore(name));
    }

    @Override
    public List<BackendRow> backends() {
        return RemoteCalls.call(Messages.get("client.what.backends"), () -> {
            List<BackendRow> rows = new ArrayList<>();
            for (javax.management.ObjectName name : backendNames()) {
                BackendMXBean b = JMX.newMXBeanProxy(beans, name, BackendMXBean.class);
                rows.add(new BackendRow(b.getType(), b.getBundleSymbolicName(), b.getBundleId(), b.getBundleVersion(),
                        b.getBundleState(), List.of(b.getDurabilityLevels()), List.of(b.getIsolationLevels()),
                        b.isPersistent(), b.isEncryption(), b.isCompression(), b.isNativeTtl(), b.isNativeSnapshot(),
                        List.of(b.getUntrackedFigures()), List.of(b.getStores())));
            }
            if (rows.isEmpty() && runtime().getBackends().length > 0) {
                // engines installed but no Backend beans: a management bundle from before them
                throw new UndeclaredThrowableException(new javax.management.InstanceNotFoundException("type=Backend"));
            }
            rows.sort(java.util.Comparator.comparing(BackendRow::type));
            return rows;
        });
    }

    @Override
    public long installBundle(String location) {
        return RemoteCalls.call(Messages.get("client.what.install"), () -> runtime().installBundle(location));
    }

    @Override
    public void uninstallBundle(long bundleId) {
        RemoteCalls.run(Messages.get("client.what.uninstall"), () -> runtime().uninstallBundle(bundleId));
    }

    @Override
    public KeyPage listKeys(String store, String pattern, String after, int limit) {
        return RemoteCalls.call(Messages.get("client.what.browser"), () -> browser().listKeys(store, pattern, after, limit));
    }

    @Override
    public ValueView getValue(String store, String key, int maxBytes) {
        return RemoteCalls.call(Messages.get("client.what.browser"), () -> browser().getValue(store, key, maxBytes));
    }

    @Override
    public void putValue(String store, String key, String value, String encoding) {
        RemoteCalls.run(Messages.get("client.what.browser"), () -> browser().putValue(store, key, value, encoding));
    }

    @Override
    public boolean deleteValue(String store, String key) {
        return RemoteCalls.call(Messages.get("client.what.browser"), () -> browser().deleteValue(store, key));
    }

    private java.util.Set<javax.management.ObjectName> backendNames() {
        try {
            return beans.queryNames(new javax.management.ObjectName(ObjectNames.DOMAIN + ":type=Backend,*"), null);
        } catch (IOException | javax.management.MalformedObjectNameException e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    private StrataRuntimeMXBean runtime() {
        return JMX.newMXBeanProxy(beans, ObjectNames.runtime(), StrataRuntimeMXBean.class);
    }

    private DataBrowserMXBean browser() {
        return JMX.newMXBeanProxy(beans, ObjectNames.dataBrowser(), DataBrowserMXBean.class);
    }

    private StoreMXBean store(String name) {
        return JMX.newMXBeanProxy(beans, ObjectNames.store(name), StoreMXBean.class);
    }

    private JobsMXBean jobs() {
        return JMX.newMXBeanProxy(beans, ObjectNames.jobs(), JobsMXBean.class);
    }

    /** Runs a remote call of the surface every runtime has ({@link RemoteCalls#basic}). */
    private static <T> T call(Supplier<T> remote) {
        return RemoteCalls.basic(remote);
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the connection is gone either way
        }
    }
}
