package dev.strata.crypto.internal.keys;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Cost of new passphrase-derived keys (PID {@value #PID}). Keys made earlier keep the cost they were made with: it
 * is stored in their parameters.
 */
@ObjectClassDefinition(name = "Strata passphrase keys",
        description = "Argon2id cost for keys derived from passphrases (backups, archives).")
public @interface KdfConfig {

    String PID = "dev.strata.crypto.kdf";

    @AttributeDefinition(name = "Memory (KiB)", min = "8192", max = "1048576",
            description = "Memory per derivation; 65536 (64 MiB) follows RFC 9106's second recommendation.")
    int memoryKiB() default 65536;

    @AttributeDefinition(name = "Iterations", min = "1", max = "64", description = "Passes over the memory.")
    int iterations() default 3;

    @AttributeDefinition(name = "Parallelism", min = "1", max = "16",
            description = "Lanes. Bouncy Castle computes them one after another, so more lanes cost time, not speed.")
    int parallelism() default 1;
}
