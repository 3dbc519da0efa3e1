package dev.strata.jobs.internal.schedule;

import dev.strata.api.management.JobService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** One configuration of {@value BackupScheduleConfiguration#PID}: runs its store's scheduled backups. */
@Component(configurationPid = BackupScheduleConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = BackupScheduleConfiguration.class, factory = true)
public class BackupScheduleComponent {

    @Reference
    private JobService jobs;

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    private ScheduledBackups running;

    @Activate
    @Modified
    synchronized void apply(BackupScheduleConfiguration config) {
        stop();
        try {
            ScheduledBackups.Settings settings = new ScheduledBackups.Settings(config.store(),
                    BackupSchedule.parse(config.schedule()), config.destination().trim(), config.retention(),
                    config.compression().trim(), config.keyAlias().trim());
            running = new ScheduledBackups(jobs, settings, logger::info);
            running.start();
            logger.info("Backups of '{}' scheduled {}, keeping {}", config.store(), settings.schedule(),
                    config.retention());
        } catch (RuntimeException e) {
            logger.error("Backup schedule of '{}' is not valid and was not applied: {}", config.store(),
                    e.getMessage());
        }
    }

    @Deactivate
    synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
