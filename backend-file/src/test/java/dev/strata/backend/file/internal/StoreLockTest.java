package dev.strata.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.strata.api.Durability;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One engine per store directory: a second engine, in this JVM or in another process, gets a clear error. */
class StoreLockTest {

    @TempDir
    Path directory;

    @Test
    void aSecondEngineInTheSameJvmIsRefusedAndTheFirstKeepsItsLock() throws Exception {
        try (StorageEngine first = new TestFileBackend().open(Stores.config(directory, Durability.OS))) {
            Stores.put(first, "a", "1");
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> new TestFileBackend().open(Stores.config(directory, Durability.OS)));
            assertTrue(refused.getMessage().contains("in use by another engine"), refused.getMessage());
            assertEquals(1, secondProcess(), "the refusal did not release the first engine's lock");
            Stores.put(first, "b", "2");
        }
        try (StorageEngine again = new TestFileBackend().open(Stores.config(directory, Durability.OS))) {
            assertEquals("2", Stores.get(again, "b"), "reopen after a clean close");
        }
    }

    @Test
    void aSecondProcessIsRefusedWhileTheStoreIsOpenAndAdmittedAfterClose() throws Exception {
        try (StorageEngine first = new TestFileBackend().open(Stores.config(directory, Durability.OS))) {
            Stores.put(first, "a", "1");
            assertEquals(1, secondProcess());
        }
        assertEquals(0, secondProcess());
    }

    /** Runs {@link LockProbe} in a new JVM: 0 when it opened the store, 1 when refused. */
    private int secondProcess() throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                LockProbe.class.getName(), directory.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe finished");
        int code = process.exitValue();
        assertTrue(code == 0 || code == 1, "probe exit " + code + ": " + output);
        if (code == 1) {
            assertTrue(output.contains("in use by another engine (process "), output);
        }
        return code;
    }
}
