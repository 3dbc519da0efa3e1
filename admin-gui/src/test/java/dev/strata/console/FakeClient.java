package dev.strata.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobState;
import dev.strata.api.management.KeyEntry;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.SettingInfo;
import dev.strata.api.management.ValueView;
import dev.strata.console.client.BackendRow;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.client.StoreFigures;
import dev.strata.console.client.StoreRow;

/** A runtime in fields, for view-model tests without JMX or the toolkit. */
public final class FakeClient implements RuntimeClient {

    public String role = "admin";
    public List<StoreFigures> stores = new ArrayList<>();
    public long now = 1_000_000;
    public List<String> historyCalls = new ArrayList<>();
    /** A figure named here has values only for its newest N seconds (NaN before), as a figure reported lately. */
    public Map<String, Integer> valuedSeconds = new java.util.HashMap<>();
    public List<JobInfo> active = new ArrayList<>();
    public List<JobInfo> ended = new ArrayList<>();
    public List<BackupRequest> backups = new ArrayList<>();
    public ConsoleException failNext;

    @Override public String user() { return "tester"; }
    @Override public String role() { return role; }

    public List<StoreRow> rows = new ArrayList<>();
    /** Every call of the newer surface, in order (written by the console's worker threads, read by tests). */
    public List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    public List<SettingInfo> form = new ArrayList<>();
    public Map<String, String> definition = new LinkedHashMap<>();
    public Map<String, String> sent;
    public List<BackendRow> backends = new ArrayList<>();
    public TreeMap<String, String> data = new TreeMap<>();
    public List<JobRequest> jobs = new ArrayList<>();
    /** Thrown by every call of the newer surface (stores, backends, data browser, jobs) while set. */
    public ConsoleException failAll;

    /** As the runtime's AccessPolicy: reads for all, store and job operations for operators, the rest for admins. */
    @Override
    public boolean canInvoke(String objectName, String operation) {
        if (operation.startsWith("get") || operation.startsWith("list")) {
            return true;
        }
        boolean redefines = operation.equals("submitEngineMigration") || operation.equals("confirm");
        if (objectName.contains("type=Store") || objectName.contains("type=Jobs") && !redefines) {
            return !role.equals("monitor");
        }
        return role.equals("admin");
    }

    private void check(String call) {
        calls.add(call);
        if (failAll != null) {
            throw failAll;
        }
    }

    /** The jobs submitted through {@link #submitJob}, by id, as {@link #job} answers them (a test moves them on). */
    public Map<String, JobInfo> jobsById = new java.util.HashMap<>();

    @Override
    public JobInfo submitJob(JobRequest request) {
        check("submit " + request.type());
        jobs.add(request);
        JobInfo job = job("job-" + jobs.size(), JobState.QUEUED, "");
        jobsById.put(job.id(), job);
        return job;
    }

    @Override
    public JobInfo job(String id) {
        check("job " + id);
        JobInfo job = jobsById.get(id);
        if (job == null) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, "no job '" + id + "'");
        }
        return job;
    }

    @Override public List<StoreRow> storeRows() { check("storeRows"); return List.copyOf(rows); }

    @Override
    public void storeAction(String store, String action) {
        check(action + " " + store);
        for (int i = 0; i < rows.size(); i++) {
            StoreRow r = rows.get(i);
            if (r.name().equals(store) && (action.equals("open") || action.equals("close"))) {
                boolean open = action.equals("open");
                rows.set(i, new StoreRow(r.name(), r.backend(), open ? "ONLINE" : "UNAVAILABLE",
                        open ? "" : "closed by an operator", open ? "HEALTHY" : "DOWN", open ? "" : "closed by an operator"));
            }
        }
    }

    @Override public List<String> backendTypes() { check("backendTypes"); return List.of("file", "memory"); }
    @Override public List<SettingInfo> storeForm(String backend) { check("storeForm " + backend); return List.copyOf(form); }
    @Override public Map<String, String> storeDefinition(String store) { check("definition " + store); return Map.copyOf(definition); }

    @Override
    public void defineStore(String name, String backend, Map<String, String> settings) {
        check("define " + name + " " + backend);
        sent = Map.copyOf(settings);
    }

    @Override
    public void changeStore(String name, Map<String, String> settings) {
        check("change " + name);
        sent = Map.copyOf(settings);
    }

    @Override public void removeStore(String name) { check("remove " + name); rows.removeIf(r -> r.name().equals(name)); }
    @Override public List<BackendRow> backends() { check("backends"); return List.copyOf(backends); }
    @Override public long installBundle(String location) { check("install " + location); return 42; }
    @Override public void uninstallBundle(long bundleId) { check("uninstall " + bundleId); }

    /** Pages over {@link #data}, by prefix when the pattern ends in {@code *}. */
    @Override
    public KeyPage listKeys(String store, String pattern, String after, int limit) {
        check("listKeys " + store + " " + pattern + " after='" + after + "' " + limit);
        String prefix = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
        List<KeyEntry> page = new ArrayList<>();
        String next = "";
        for (Map.Entry<String, String> e : (after.isEmpty() ? data : data.tailMap(after, false)).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            if (page.size() == limit) {
                next = page.get(page.size() - 1).key();
                break;
            }
            page.add(new KeyEntry(e.getKey(), e.getValue().length(), e.getValue()));
        }
        return new KeyPage(page, next);
    }

    @Override
    public ValueView getValue(String store, String key, int maxBytes) {
        check("getValue " + key);
        String value = data.get(key);
        if (value == null) {
            return new ValueView(key, false, 0, false, false, "", "");
        }
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new ValueView(key, true, bytes.length, false, true, value, java.util.Base64.getEncoder().encodeToString(bytes));
    }

    @Override
    public void putValue(String store, String key, String value, String encoding) {
        check("put " + key + " " + encoding);
        data.put(key, value);
    }

    @Override public boolean deleteValue(String store, String key) { check("delete " + key); return data.remove(key) != null; }

    /** How often the figures were read (from the console's worker threads). */
    public final java.util.concurrent.atomic.AtomicInteger storesCalls = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public List<StoreFigures> stores() {
        storesCalls.incrementAndGet();
        if (failNext != null) {
            ConsoleException failure = failNext;
            failNext = null;
            throw failure;
        }
        return List.copyOf(stores);
    }

    @Override
    public List<String> storeNames() {
        return stores.stream().map(StoreFigures::name).sorted().toList();
    }

    /** A second per point, values = seconds since 0, ending at {@link #now}. */
    @Override
    public HistorySeries history(String store, String figure, int seconds) {
        historyCalls.add(store + ":" + figure + ":" + seconds);
        int n = (int) Math.min(seconds, now / 1000);
        long[] times = new long[n];
        double[] values = new double[n];
        int valued = valuedSeconds.getOrDefault(figure, n);
        for (int i = 0; i < n; i++) {
            times[i] = now - (n - 1 - i) * 1000L;
            values[i] = i >= n - valued ? times[i] / 1000.0 : Double.NaN;
        }
        return new HistorySeries(figure, 1000, times, values);
    }

    @Override public List<JobInfo> activeJobs() { return List.copyOf(active); }
    @Override public List<JobInfo> jobHistory(int limit) { return List.copyOf(ended); }

    @Override
    public JobInfo submitBackup(BackupRequest request) {
        if (role.equals("monitor")) {
            throw new ConsoleException(ConsoleException.Kind.REFUSED, "Access denied: needs role operator");
        }
        backups.add(request);
        return job("job-" + backups.size(), JobState.QUEUED, "");
    }

    @Override public JobInfo cancelJob(String id) { return job(id, JobState.RUNNING, ""); }

    public List<String> confirmed = new ArrayList<>();

    @Override
    public JobInfo confirmJob(String id) {
        check("confirm " + id);
        if (!role.equals("admin")) {
            throw new ConsoleException(ConsoleException.Kind.REFUSED, "Access denied: needs role admin");
        }
        confirmed.add(id);
        return job(id, JobState.RUNNING, "");
    }
    /** The runtime's audit lines, oldest first, and what its chain check answers. */
    public final List<String> audit = new ArrayList<>();
    public String auditVerdict = "ok: 0 entries";
    @Override public List<String> auditEntries(int newest) {
        check("audit");
        return List.copyOf(audit.subList(Math.max(0, audit.size() - newest), audit.size()));
    }
    @Override public String verifyAudit() { check("verifyAudit"); return auditVerdict; }
    @Override public void close() { }

    public static JobInfo job(String id, JobState state, String failure) {
        return new JobInfo(id, "backup", "files", state, 10, 100, 1000, "", 1, 2, state.isFinal() ? 3 : 0,
                state == JobState.SUCCEEDED ? "/backups/a" : "", List.of("files"), "tester", 10_000, 0, -1, failure,
                List.of());
    }

    public static StoreRow row(String name, String status, String health, String reason) {
        return new StoreRow(name, "file", status, status.equals("ONLINE") ? "" : reason, health, reason);
    }

    public static SettingInfo setting(String id, String type, String def, boolean required, String... options) {
        return new SettingInfo(id, id, "about " + id, type, def, List.of(options), List.of(options), required, "store");
    }

    /** A store whose cache saw 1,000 lookups since it opened at this hit rate ({@code NaN}: it has no cache). */
    public static StoreFigures store(String name, String status, long walBytes, double hitRate) {
        long hits = Double.isNaN(hitRate) ? -1 : Math.round(hitRate * 1000);
        long misses = Double.isNaN(hitRate) ? -1 : 1000 - hits;
        return new StoreFigures(name, "file", status, status.equals("ONLINE") ? "" : "backend 'file' is not installed",
                10, 4096, walBytes, hits, misses, hitRate, 5, 12);
    }

    /** The store's cache counters move on by these hits and misses, as reads would move them. */
    public void read(String store, long hits, long misses) {
        counters(store, (h, m) -> new long[] {h + hits, m + misses});
    }

    /** The store's counters restart at these values, as when the store is closed and opened again. */
    public void reopened(String store, long hits, long misses) {
        counters(store, (h, m) -> new long[] {hits, misses});
    }

    private void counters(String store, java.util.function.BiFunction<Long, Long, long[]> next) {
        for (int i = 0; i < stores.size(); i++) {
            StoreFigures f = stores.get(i);
            if (f.name().equals(store)) {
                long[] c = next.apply(f.cacheHits(), f.cacheMisses());
                stores.set(i, new StoreFigures(f.name(), f.backend(), f.status(), f.message(), f.keys(), f.diskBytes(),
                        f.walBytes(), c[0], c[1], (double) c[0] / Math.max(1, c[0] + c[1]), f.operationsPerSecond(),
                        f.getP99Micros()));
            }
        }
    }
}
