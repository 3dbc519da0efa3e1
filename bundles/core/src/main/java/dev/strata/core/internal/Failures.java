package dev.strata.core.internal;

import dev.strata.api.StorageException;

/**
 * Keeps the promise that callers see only {@link StorageException}s: a backend that throws anything else (a bug, a
 * raw I/O error) has it wrapped with the store's name. {@link IllegalStateException} passes through, since it
 * reports a misuse by the caller (a finished transaction).
 */
final class Failures {

    private Failures() {
    }

    static RuntimeException translate(String store, RuntimeException failure) {
        if (failure instanceof StorageException || failure instanceof IllegalStateException) {
            return failure;
        }
        return new StorageException("store '" + store + "': backend failed: " + failure, failure);
    }
}
