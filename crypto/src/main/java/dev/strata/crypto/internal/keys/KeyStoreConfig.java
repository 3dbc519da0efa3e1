package dev.strata.crypto.internal.keys;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the key provider (PID {@value #PID}). The passphrase property is named {@code .passphrase}: a
 * leading dot keeps Declarative Services from copying it into the public service properties.
 */
@ObjectClassDefinition(name = "Strata keystore", description = "The BCFKS keystore that holds the stores' data keys.")
public @interface KeyStoreConfig {

    String PID = "dev.strata.crypto.keys";
    /** The keystore under {@code strata.home} when no path is configured. */
    String DEFAULT_PATH = "etc/strata-keys.bcfks";
    /** Environment variable read when no passphrase is configured, so that it need not be written in a file. */
    String PASSPHRASE_ENVIRONMENT = "STRATA_KEYSTORE_PASSPHRASE";

    @AttributeDefinition(name = "Keystore file",
            description = "Path of the BCFKS keystore. Empty: ${strata.home}/etc/strata-keys.bcfks.")
    String path() default "";

    @AttributeDefinition(name = "Passphrase", type = AttributeType.PASSWORD,
            description = "Unlocks the keystore. Empty: the environment variable STRATA_KEYSTORE_PASSPHRASE.")
    String _passphrase() default "";
}
