package dev.strata.api.tck.crypto;

import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.spec.GCMParameterSpec;

/** Test-only AES-256-GCM through the JDK. */
public final class TestAesGcmCipher extends JdkTestCipher {

    public TestAesGcmCipher() {
        super("AES-256-GCM", "AES/GCM/NoPadding");
    }

    @Override
    AlgorithmParameterSpec parameters(byte[] nonce) {
        return new GCMParameterSpec(128, nonce);
    }
}
