package dev.strata.jobs.internal.schedule;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One store's backup schedule: a factory configuration of PID {@value #PID} per schedule. */
@ObjectClassDefinition(id = BackupScheduleConfiguration.PID, name = "Strata backup schedule",
        description = "Backs a store up on a schedule, keeping the newest backups.")
public @interface BackupScheduleConfiguration {

    String PID = "dev.strata.backup.schedule";

    @AttributeDefinition(name = "Store", description = "The store to back up.")
    String store();

    @AttributeDefinition(name = "Schedule", description = "'every 6h' (s, m, h or d; counted from the end of the "
            + "previous run) or 'daily@02:00' (local time).")
    String schedule() default "daily@02:00";

    @AttributeDefinition(name = "Destination", required = false,
            description = "Directory of the backups; empty for the job service's backup directory.")
    String destination() default "";

    @AttributeDefinition(name = "Retention", description = "How many scheduled backups of the store to keep; older "
            + "ones are deleted after each backup that succeeded.")
    int retention() default 7;

    @AttributeDefinition(name = "Compression", required = false, description = "lz4, zstd, deflate or none.")
    String compression() default "";

    @AttributeDefinition(name = "Key alias", required = false,
            description = "Seal the backups with this keystore alias (it must exist); empty for none.")
    String keyAlias() default "";
}
