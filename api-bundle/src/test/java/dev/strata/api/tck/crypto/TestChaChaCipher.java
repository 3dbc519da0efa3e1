package dev.strata.api.tck.crypto;

import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.crypto.DataKey;

/** Test-only ChaCha20-Poly1305 through the JDK (a second cipher, to prove a store picks its own by name). */
public final class TestChaChaCipher extends JdkTestCipher {

    public TestChaChaCipher() {
        super("ChaCha20-Poly1305", "ChaCha20-Poly1305");
    }

    @Override
    AlgorithmParameterSpec parameters(byte[] nonce) {
        return new IvParameterSpec(nonce);
    }

    /** The JDK's ChaCha20 wants a key named so; the test key provider names its keys AES. */
    @Override
    Key key(DataKey key) {
        return new SecretKeySpec(key.secret().getEncoded(), "ChaCha20");
    }
}
