package dev.strata.backend.xodus.internal;

import dev.strata.api.CorruptionException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;

import java.nio.file.Path;

import jetbrains.exodus.ExodusException;
import jetbrains.exodus.OutOfDiskSpaceException;
import jetbrains.exodus.log.DataCorruptionException;
import jetbrains.exodus.log.TooBigLoggableException;

/** Turns what Xodus throws into Strata's typed errors, so no Xodus type reaches a caller. */
final class XodusErrors {

    private XodusErrors() {
    }

    /**
     * @param store  the store's name, for the message
     * @param action what was being done ("commit", "open", ...)
     */
    static StorageException translate(String store, String action, RuntimeException failure) {
        if (failure instanceof StorageException typed) {
            return typed;
        }
        String prefix = "store '" + store + "': " + action + " failed: ";
        if (failure instanceof TooBigLoggableException) {
            return new QuotaExceededException(prefix + "a value does not fit in one Xodus log file (raise "
                    + XodusStoreSettings.LOG_FILE_SIZE + ")", failure);
        }
        if (failure instanceof OutOfDiskSpaceException) {
            return new QuotaExceededException(prefix + "out of disk space", failure);
        }
        if (failure instanceof DataCorruptionException) {
            return new CorruptionException(prefix + failure.getMessage(), null, -1, failure);
        }
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith(ENVIRONMENT_LOCKED)) {
            // unavailable, not broken: core retries, and the store opens once the other process lets go
            return new StoreUnavailableException(prefix + "the store directory is in use by another process"
                    + lockOwner(message) + "; one process per store directory: close the other one first", failure);
        }
        // Xodus puts whole stack traces into some messages: the first line says what happened
        return new StorageException(prefix + failure.getClass().getName() + ": " + message.lines().findFirst()
                .orElse(""), failure);
    }

    /**
     * Like {@link #translate}, for reads of committed data: what Xodus throws there, but for the lock and the known
     * typed failures, means the log does not parse as it was written (Xodus keeps no checksums, so damage shows as
     * a broken structure), and is a {@link CorruptionException}.
     */
    static StorageException translateRead(String store, Path directory, String action, RuntimeException failure) {
        StorageException translated = translate(store, action, failure);
        if (translated.getClass() != StorageException.class) {
            return translated;
        }
        boolean structural = failure instanceof ExodusException || failure instanceof IndexOutOfBoundsException
                || failure instanceof NegativeArraySizeException || failure instanceof IllegalArgumentException
                || failure instanceof ArithmeticException || failure instanceof NullPointerException;
        if (!structural) {
            return translated;
        }
        return new CorruptionException("store '" + store + "': " + action + " met a damaged log: "
                + failure.getClass().getSimpleName() + ": " + String.valueOf(failure.getMessage()).lines().findFirst()
                .orElse(""), directory.toString(), -1, failure);
    }

    /** How Xodus's LockingManager begins the message when another process holds the environment's lock file. */
    private static final String ENVIRONMENT_LOCKED = "Can't acquire environment lock";

    /** " (process 1234@host)" from Xodus's lock owner line, or "" when it is not there. */
    private static String lockOwner(String message) {
        String marker = "Private property of Exodus: ";
        int at = message.indexOf(marker);
        if (at < 0) {
            return "";
        }
        return " (process " + message.substring(at + marker.length()).lines().findFirst().orElse("").trim() + ")";
    }
}
