package dev.strata.crypto.internal.cipher;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.crypto.internal.StrataHome;

/**
 * The ChaCha20-Poly1305 service ({@code strata.cipher=ChaCha20-Poly1305}), for CPUs without AES instructions. Its
 * configuration PID is shared with, and described (metatype allows one designate per PID) by,
 * {@link AesGcmCipherComponent}.
 */
@Component(service = AeadCipher.class, configurationPid = CipherConfig.PID,
        property = AeadCipher.ALGORITHM_PROPERTY + "=" + JcaAeadCipher.CHACHA20_POLY1305)
public final class ChaCha20Poly1305CipherComponent extends JcaAeadCipher {

    @Activate
    public ChaCha20Poly1305CipherComponent(BundleContext context, CipherConfig config) {
        super(AeadAlgorithm.CHACHA20_POLY1305, NonceSequence.open(
                StrataHome.resolve(context, config.nonceStateFolder(), CipherConfig.DEFAULT_FOLDER),
                AeadAlgorithm.CHACHA20_POLY1305));
    }
}
