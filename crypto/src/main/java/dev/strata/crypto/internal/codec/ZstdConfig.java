package dev.strata.crypto.internal.codec;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the zstd codec (PID {@value #PID}). */
@ObjectClassDefinition(name = "Strata zstd codec", description = "Zstandard compression (zstd-jni).")
public @interface ZstdConfig {

    String PID = "dev.strata.crypto.zstd";

    @AttributeDefinition(name = "Level", max = "22",
            description = "Negative: faster than level 1; 1: fast (default); 0 or 3: zstd's default; up to 22: smallest. "
                    + "Readers do not need to know it.")
    int level() default 1;
}
