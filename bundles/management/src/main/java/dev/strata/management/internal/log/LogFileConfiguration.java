package dev.strata.management.internal.log;

import org.osgi.service.log.LogLevel;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The log file's settings (PID {@value LogFileWriter#PID}); the defaults suit a fresh runtime. */
@ObjectClassDefinition(name = "Strata log file",
        description = "Writes the OSGi log to ${strata.home}/log/strata.log; warnings and errors also to the console.")
public @interface LogFileConfiguration {

    @AttributeDefinition(name = "Rotate at (bytes)", min = "1024",
            description = "strata.log is renamed to strata.log.1 when the next entry would take it past this size.")
    long maxFileBytes() default 10L * 1024 * 1024;

    @AttributeDefinition(name = "Files kept", min = "0",
            description = "How many rotated files (strata.log.1, .2, ...) to keep.")
    int keepFiles() default 5;

    @AttributeDefinition(name = "Level", description = "Entries less severe than this are not written.")
    LogLevel level() default LogLevel.INFO;
}
