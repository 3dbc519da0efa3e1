package dev.strata.backend.file.internal.io;

import java.io.IOException;
import java.nio.file.Path;

import dev.strata.api.StorageException;

/** Turns I/O exceptions into the typed errors of the API: callers never see a raw {@link IOException}. */
public final class IoFailures {

    private IoFailures() {
    }

    public static StorageException failed(String what, Path file, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (reason.contains("No space left on device")) {
            reason = "disk full (" + reason + ")";
        }
        return new StorageException(what + " failed on " + file + ": " + reason, cause);
    }
}
