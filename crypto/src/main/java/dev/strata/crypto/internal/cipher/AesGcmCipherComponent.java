package dev.strata.crypto.internal.cipher;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.crypto.internal.StrataHome;

/** The AES-256-GCM service ({@code strata.cipher=AES-256-GCM}). */
@Component(service = AeadCipher.class, configurationPid = CipherConfig.PID,
        property = AeadCipher.ALGORITHM_PROPERTY + "=" + JcaAeadCipher.AES_256_GCM)
@Designate(ocd = CipherConfig.class)
public final class AesGcmCipherComponent extends JcaAeadCipher {

    @Activate
    public AesGcmCipherComponent(BundleContext context, CipherConfig config) {
        super(AeadAlgorithm.AES_256_GCM, NonceSequence.open(
                StrataHome.resolve(context, config.nonceStateFolder(), CipherConfig.DEFAULT_FOLDER),
                AeadAlgorithm.AES_256_GCM));
    }
}
