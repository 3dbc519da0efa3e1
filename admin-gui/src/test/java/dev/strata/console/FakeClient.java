package dev.strata.console;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.client.StoreFigures;

/** A runtime in fields, for view-model tests without JMX or the toolkit. */
public final class FakeClient implements RuntimeClient {

    public String role = "admin";
    public List<StoreFigures> stores = new ArrayList<>();
    public long now = 1_000_000;
    public List<String> historyCalls = new ArrayList<>();
    public List<JobInfo> active = new ArrayList<>();
    public List<JobInfo> ended = new ArrayList<>();
    public List<BackupRequest> backups = new ArrayList<>();
    public ConsoleException failNext;

    @Override public String user() { return "tester"; }
    @Override public String role() { return role; }

    @Override
    public boolean canInvoke(String objectName, String operation) {
        return !role.equals("monitor");
    }

    @Override
    public List<StoreFigures> stores() {
        if (failNext != null) {
            ConsoleException failure = failNext;
            failNext = null;
            throw failure;
        }
        return List.copyOf(stores);
    }

    /** A second per point, values = seconds since 0, ending at {@link #now}. */
    @Override
    public HistorySeries history(String store, String figure, int seconds) {
        historyCalls.add(store + ":" + figure + ":" + seconds);
        int n = (int) Math.min(seconds, now / 1000);
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = now - (n - 1 - i) * 1000L;
            values[i] = times[i] / 1000.0;
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
    @Override public List<String> auditEntries(int newest) { return List.of("0|a|admin|start", "1|b|ops|submitBackup"); }
    @Override public String verifyAudit() { return "ok: 2 entries"; }
    @Override public void close() { }

    public static JobInfo job(String id, JobState state, String failure) {
        return new JobInfo(id, "backup", "files", state, 10, 100, 1000, "", 1, 2, state.isFinal() ? 3 : 0,
                state == JobState.SUCCEEDED ? "/backups/a" : "", List.of("files"), "tester", 10_000, 0, -1, failure,
                List.of());
    }

    public static StoreFigures store(String name, String status, long walBytes, double hitRate) {
        return new StoreFigures(name, "file", status, status.equals("ONLINE") ? "" : "backend 'file' is not installed",
                10, 4096, walBytes, hitRate, 5, 12);
    }
}
