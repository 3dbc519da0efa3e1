package dev.strata.console.client;

import java.util.List;

import java.util.Map;

import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.SettingInfo;
import dev.strata.api.management.ValueView;

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

    /** The names of the defined stores, sorted (one round trip: for the forms' store lists). */
    List<String> storeNames();

    /** A figure's past (see {@code StoreMXBean.history}). */
    HistorySeries history(String store, String figure, int seconds);

    List<JobInfo> activeJobs();

    List<JobInfo> jobHistory(int limit);

    JobInfo submitBackup(BackupRequest request);

    JobInfo cancelJob(String id);

    /** One job as it is now (a store's verify, watched until it ends). */
    JobInfo job(String id);

    /** Lets a held engine migration freeze its store and switch (role admin). */
    JobInfo confirmJob(String id);

    /** The newest audit entries, oldest first. */
    List<String> auditEntries(int newest);

    /** {@code ok: N entries} or what is damaged. */
    String verifyAudit();

    /**
     * A job of any kind ({@code RestoreRequest}, {@code VerifyRequest}, {@code MigrateRequest},
     * {@code EngineMigrationRequest}, {@code MaintenanceRequest}, ...).
     */
    JobInfo submitJob(JobRequest request);

    // stores: a runtime without the newer operations answers UNSUPPORTED, which the views show as such

    /** Every defined store with its status and health, sorted by name. */
    List<StoreRow> storeRows();

    /** {@code open}, {@code close}, {@code checkpoint} or {@code compact} on one store. */
    void storeAction(String store, String action);

    /** The installed backend types, sorted. */
    List<String> backendTypes();

    /** The form of a store on a backend: core's settings, then the backend's own. */
    List<SettingInfo> storeForm(String backend);

    /** A store's configured settings, {@code backend} included, secrets masked. */
    Map<String, String> storeDefinition(String store);

    void defineStore(String name, String backend, Map<String, String> settings);

    /** Changes settings; an empty value removes one. */
    void changeStore(String name, Map<String, String> settings);

    void removeStore(String name);

    // backends and bundles

    List<BackendRow> backends();

    /** Installs and starts a bundle from a {@code file:} URL; returns its id. */
    long installBundle(String location);

    void uninstallBundle(long bundleId);

    // data browser

    KeyPage listKeys(String store, String pattern, String after, int limit);

    ValueView getValue(String store, String key, int maxBytes);

    /** @param encoding {@code text}, {@code base64} or {@code hex} */
    void putValue(String store, String key, String value, String encoding);

    boolean deleteValue(String store, String key);

    @Override
    void close();
}
