package dev.strata.crypto.internal.cipher;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration shared by the cipher services (PID {@value #PID}). */
@ObjectClassDefinition(name = "Strata AEAD ciphers",
        description = "Where the AES-256-GCM and ChaCha20-Poly1305 services keep their nonce reservations.")
public @interface CipherConfig {

    String PID = "dev.strata.crypto.cipher";
    /** The nonce state folder under {@code strata.home} when none is configured. */
    String DEFAULT_FOLDER = "data/crypto";

    @AttributeDefinition(name = "Nonce state folder",
            description = "Folder of the nonce counter files (one per algorithm). Empty: ${strata.home}/data/crypto.")
    String nonceStateFolder() default "";
}
