package dev.strata.console.client;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.SettingInfo;
import dev.strata.api.management.ValueView;
import dev.strata.console.shell.Messages;

/**
 * A client that survives a lost connection: when a call finds the connection gone, the connection is dropped and
 * every call says so ("lost; reconnecting") until a new one is made, tried at most every {@code retryMillis} on the
 * next call (the console's once-a-second refresh drives it). The view models keep this one object throughout and
 * keep their last figures on screen meanwhile.
 */
public final class ReconnectingClient implements RuntimeClient {

    private final Supplier<RuntimeClient> connect;
    private final LongSupplier clock;
    private final long retryMillis;
    private final String user;
    private final String role;
    private RuntimeClient current;
    private long nextAttempt;
    private int attempts;
    private String lastReason = "";

    /**
     * @param first   the connection made at login
     * @param connect makes a new connection with the same address and credentials
     */
    public ReconnectingClient(RuntimeClient first, Supplier<RuntimeClient> connect, LongSupplier clock, long retryMillis) {
        this.current = first;
        this.connect = connect;
        this.clock = clock;
        this.retryMillis = retryMillis;
        this.user = first.user();
        this.role = first.role();
    }

    private <T> T call(Function<RuntimeClient, T> remote) {
        RuntimeClient client = connection();
        try {
            return remote.apply(client);
        } catch (ConsoleException e) {
            if (e.kind() != ConsoleException.Kind.LOST) {
                throw e;
            }
            drop(client);
            throw lost();
        }
    }

    private synchronized RuntimeClient connection() {
        if (current != null) {
            return current;
        }
        if (clock.getAsLong() < nextAttempt) {
            throw lost();
        }
        attempts++;
        try {
            current = connect.get();
            attempts = 0;
            lastReason = "";
            return current;
        } catch (ConsoleException e) {
            nextAttempt = clock.getAsLong() + retryMillis;
            lastReason = e.getMessage();
            throw lost();
        }
    }

    private synchronized void drop(RuntimeClient client) {
        if (current == client) {
            current = null;
            nextAttempt = clock.getAsLong(); // the next call tries at once
            client.close();
        }
    }

    private synchronized ConsoleException lost() {
        String text = attempts == 0 ? Messages.get("client.reconnecting", retryMillis / 1000)
                : Messages.get("client.reconnectFailed", retryMillis / 1000, attempts, lastReason);
        return new ConsoleException(ConsoleException.Kind.LOST, text);
    }

    /** Whether a connection is up now (no call). */
    public synchronized boolean connected() {
        return current != null;
    }

    private void run(java.util.function.Consumer<RuntimeClient> remote) {
        call(c -> {
            remote.accept(c);
            return null;
        });
    }

    @Override public String user() { return user; }
    @Override public String role() { return role; }
    @Override public boolean canInvoke(String objectName, String operation) { return call(c -> c.canInvoke(objectName, operation)); }
    @Override public List<StoreFigures> stores() { return call(RuntimeClient::stores); }
    @Override public List<String> storeNames() { return call(RuntimeClient::storeNames); }
    @Override public HistorySeries history(String store, String figure, int seconds) { return call(c -> c.history(store, figure, seconds)); }
    @Override public List<JobInfo> activeJobs() { return call(RuntimeClient::activeJobs); }
    @Override public List<JobInfo> jobHistory(int limit) { return call(c -> c.jobHistory(limit)); }
    @Override public JobInfo submitBackup(BackupRequest request) { return call(c -> c.submitBackup(request)); }
    @Override public JobInfo cancelJob(String id) { return call(c -> c.cancelJob(id)); }
    @Override public JobInfo job(String id) { return call(c -> c.job(id)); }
    @Override public JobInfo confirmJob(String id) { return call(c -> c.confirmJob(id)); }
    @Override public List<String> auditEntries(int newest) { return call(c -> c.auditEntries(newest)); }
    @Override public String verifyAudit() { return call(RuntimeClient::verifyAudit); }
    @Override public JobInfo submitJob(JobRequest request) { return call(c -> c.submitJob(request)); }
    @Override public List<StoreRow> storeRows() { return call(RuntimeClient::storeRows); }
    @Override public void storeAction(String store, String action) { run(c -> c.storeAction(store, action)); }
    @Override public List<String> backendTypes() { return call(RuntimeClient::backendTypes); }
    @Override public List<SettingInfo> storeForm(String backend) { return call(c -> c.storeForm(backend)); }
    @Override public Map<String, String> storeDefinition(String store) { return call(c -> c.storeDefinition(store)); }
    @Override public void defineStore(String name, String backend, Map<String, String> settings) { run(c -> c.defineStore(name, backend, settings)); }
    @Override public void changeStore(String name, Map<String, String> settings) { run(c -> c.changeStore(name, settings)); }
    @Override public void removeStore(String name) { run(c -> c.removeStore(name)); }
    @Override public List<BackendRow> backends() { return call(RuntimeClient::backends); }
    @Override public long installBundle(String location) { return call(c -> c.installBundle(location)); }
    @Override public void uninstallBundle(long bundleId) { run(c -> c.uninstallBundle(bundleId)); }
    @Override public KeyPage listKeys(String store, String pattern, String after, int limit) { return call(c -> c.listKeys(store, pattern, after, limit)); }
    @Override public ValueView getValue(String store, String key, int maxBytes) { return call(c -> c.getValue(store, key, maxBytes)); }
    @Override public void putValue(String store, String key, String value, String encoding) { run(c -> c.putValue(store, key, value, encoding)); }
    @Override public boolean deleteValue(String store, String key) { return call(c -> c.deleteValue(store, key)); }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        nextAttempt = Long.MAX_VALUE; // closed by the user: never again
    }
}
