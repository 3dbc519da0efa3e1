package dev.strata.backend.xodus.internal;

import dev.strata.api.CorruptionException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.WrongKeyException;

import jetbrains.exodus.OutOfDiskSpaceException;
import jetbrains.exodus.crypto.InvalidCipherParametersException;
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
        if (failure instanceof InvalidCipherParametersException) {
            return new WrongKeyException(prefix + "the data is encrypted with other cipher parameters", failure);
        }
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
