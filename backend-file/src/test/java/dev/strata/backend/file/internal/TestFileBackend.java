package dev.strata.backend.file.internal;

import java.util.List;

import dev.strata.api.tck.crypto.TestAesGcmCipher;

/**
 * The file backend with test-only codecs (deflate), an AES-GCM cipher and a seeded key provider; public with a
 * no-arg constructor so that the crash harness can start it in a child JVM.
 */
public class TestFileBackend extends FileBackend {

    public static final String KEY_SEED = "test-seed";

    public TestFileBackend() {
        this(new TestKeyProvider(KEY_SEED));
    }

    public TestFileBackend(TestKeyProvider keys) {
        super(List.of(new TestDeflateCompressor()), new TestAesGcmCipher(), keys);
    }
}
