package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static dev.strata.backend.xodus.internal.XodusTestStores.get;
import static dev.strata.backend.xodus.internal.XodusTestStores.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.strata.api.StoreUnavailableException;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store directory another engine holds is refused with the typed unavailable error and a one-line message
 * (Xodus's own message carries a stack trace), and the first engine keeps working.
 */
class XodusStoreLockTest {

    @TempDir
    Path directory;

    @Test
    void aSecondOpenOfTheSameDirectoryIsUnavailableWithAShortMessage() {
        try (StorageEngine first = new XodusBackend().open(config(directory))) {
            put(first, "k", "v");
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> new XodusBackend().open(config(directory)));
            String message = refused.getMessage();
            assertTrue(message.contains("in use by another process"), message);
            assertFalse(message.contains("\n") || message.contains("\\n"), "one line: " + message);
            assertTrue(message.length() < 300, message);
            assertEquals("v", get(first, "k"), "the first engine keeps its lock and its data");
        }
        try (StorageEngine reopened = new XodusBackend().open(config(directory))) {
            assertEquals("v", get(reopened, "k"), "opens once the first engine closed");
        }
    }
}
