package dev.strata.timeseries.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the time-series service (PID {@value TimeSeriesServiceComponent#PID}). */
@ObjectClassDefinition(name = "Strata time series", description = "How often retention runs over every online store.")
public @interface RetentionConfiguration {

    @AttributeDefinition(name = "Retention interval (seconds)", description = "Seconds between two retention passes "
            + "over every online store; 0 turns the background pass off (ts:retention still runs one).", min = "0")
    long retentionIntervalSeconds() default 300;
}
