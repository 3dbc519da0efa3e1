package dev.strata.crypto.internal.codec;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the deflate codec (PID {@value #PID}). */
@ObjectClassDefinition(name = "Strata deflate codec", description = "The JDK's zlib (deflate) compression.")
public @interface DeflateConfig {

    String PID = "dev.strata.crypto.deflate";

    @AttributeDefinition(name = "Level", min = "0", max = "9",
            description = "0 (store) to 9 (smallest, slowest). Readers do not need to know it.")
    int level() default 6;
}
