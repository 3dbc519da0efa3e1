package dev.strata.jobs.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobService;
import dev.strata.jobs.internal.work.ArchiveCatalog;
import dev.strata.jobs.internal.work.JobEnvironment;
import dev.strata.jobs.internal.work.OldFilesReaper;
import dev.strata.jobs.internal.work.Jobs;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link JobService}. It runs while the system store (history and archive catalog) is online; the crypto
 * services, transforms and ConfigAdmin come through {@link ServiceBindings} and are checked when a job is planned.
 */
@Component(service = JobService.class, immediate = true, configurationPid = JobsConfiguration.PID)
@Designate(ocd = JobsConfiguration.class)
public class JobServiceComponent implements JobService {

    private final StorageService storage;
    private final Store systemStore;
    private final JobEngine engine;
    private final ArchiveCatalog catalog;
    private final AutoCloseable oldFilesSweeps;

    @Activate
    public JobServiceComponent(@Reference StorageService storage,
            @Reference(name = "systemStore", target = "(strata.store=system)") Store systemStore,
            @Reference ServiceBindings services, BundleContext context, JobsConfiguration config) {
        this.storage = storage;
        this.systemStore = systemStore;
        Path home = home(context);
        JobEnvironment env = new JobEnvironment(storage, services.crypto(), services::transform,
                new ConfigAdminScratchStores(services::configAdmin, storage, dataRoot(context)),
                () -> Optional.of(systemStore),
                directory(config.backupDirectory(), home.resolve("backups")),
                directory(config.archiveDirectory(), home.resolve("archives")), config.compression(),
                JobEnvironment.chunkBytesOf(config.chunkKilobytes()),
                new ConfigAdminStoreDefinitions(services::configAdmin, storage, services::storeControl),
                services::storeControl, Math.max(0, config.keepSourceMinutes()));
        catalog = new ArchiveCatalog(env);
        System.Logger log = System.getLogger("dev.strata.jobs");
        oldFilesSweeps = new OldFilesReaper(env, dataRoot(context) != null ? dataRoot(context)
                : Path.of(System.getProperty("user.dir"), "data"), line -> log.log(System.Logger.Level.INFO, line))
                .every(60);
        engine = new JobEngine(new Jobs(env), new JobHistory(() -> Optional.of(systemStore),
                config.historyRetention()), new Throttle(config.throttleMegabytesPerSecond()),
                config.maxConcurrentJobs());
        // Off the activation thread: cleaning up after an interrupted migration redefines its store and waits for
        // it to serve, which cannot happen while DS is still activating this component (a kill during a migration
        // made the next start wait 60 s per activation attempt, the shell's prompt three minutes).
        Thread recovery = new Thread(engine::start, "strata-jobs-recovery");
        recovery.setDaemon(true);
        recovery.start();
    }

    @Deactivate
    void deactivate() throws Exception {
        oldFilesSweeps.close();
        engine.close();
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty("strata.home");
        return Path.of(home != null ? home : System.getProperty("user.dir"));
    }

    private static Path dataRoot(BundleContext context) {
        String data = context.getProperty("strata.data");
        return data == null ? null : Path.of(data);
    }

    private static Path directory(String configured, Path fallback) {
        return configured == null || configured.isBlank() ? fallback : Path.of(configured);
    }

    @Override
    public JobInfo submit(JobRequest request, String startedBy) {
        return engine.submit(request, startedBy);
    }

    @Override
    public List<JobInfo> active() {
        return engine.active();
    }

    @Override
    public Optional<JobInfo> job(String id) {
        return engine.job(id);
    }

    @Override
    public JobInfo cancel(String id) {
        return engine.cancel(id);
    }

    @Override
    public JobInfo confirm(String id) {
        return engine.confirm(id);
    }

    @Override
    public List<JobInfo> history(int limit) {
        return engine.history(limit);
    }

    @Override
    public JobInfo await(String id, long timeoutMillis) throws InterruptedException {
        return engine.await(id, timeoutMillis);
    }

    @Override
    public void setThrottle(double megabytesPerSecond) {
        engine.throttle().set(megabytesPerSecond);
    }

    @Override
    public double throttle() {
        return engine.throttle().megabytesPerSecond();
    }

    @Override
    public int maxConcurrentJobs() {
        return engine.maxConcurrent();
    }

    @Override
    public Optional<byte[]> readArchived(String store, String key) {
        return catalog.read(store, key);
    }
}
