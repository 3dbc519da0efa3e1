package dev.strata.console.client;

import java.util.List;

import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.JobInfo;

/**
 * What the console asks of a runtime. The view models depend on this interface only, so they are tested with a
 * fake; {@link JmxRuntimeClient} is the real one. Every method may block (a network call): view models call them
 * off the FX thread. Failures are {@link ConsoleException}s with a message fit for the status bar.
 */
public interface RuntimeClient extends AutoCloseable {

    /** Who is connected, as the runtime saw it at connect time (no call: safe on the FX thread). */
    String user();

    /** {@code monitor}, {@code operator} or {@code admin}, as of connect time (no call). */
    String role();

    /** Whether the connected user may invoke the operation on the bean. */
    boolean canInvoke(String objectName, String operation);

    /** The figures of every defined store, sorted by name. */
    List<StoreFigures> stores();

    /** A figure's past (see {@code StoreMXBean.history}). */
    HistorySeries history(String store, String figure, int seconds);

    List<JobInfo> activeJobs();

    List<JobInfo> jobHistory(int limit);

    JobInfo submitBackup(BackupRequest request);

    JobInfo cancelJob(String id);

    /** The newest audit entries, oldest first. */
    List<String> auditEntries(int newest);

    /** {@code ok: N entries} or what is damaged. */
    String verifyAudit();

    @Override
    void close();
}
