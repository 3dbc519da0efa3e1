package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.backend.memory.MemoryBackend;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans read from the engine only as far as the caller goes, and release their snapshot when done. */
class StreamingScanTest {

    private static final int KEYS = 200_000;

    @TempDir
    Path dir;
    private final CountingBackend backend = new CountingBackend(new MemoryBackend());
    private ManagedStore store;

    @BeforeEach
    void fill() {
        store = new ManagedStore(MemoryStores.definition("s", "memory"), dir.resolve("s"));
        store.attach(backend, MemoryStores.info(backend, "memory"));
        for (int batch = 0; batch < KEYS; batch += 10_000) {
            Map<String, byte[]> entries = new TreeMap<>();
            for (int i = batch; i < batch + 10_000; i++) {
                entries.put(String.format("key.%07d", i), new byte[16]);
            }
            store.putAll(entries);
        }
    }

    @Test
    void aScanAdvancesTheEngineOnlyAsFarAsItIsRead() {
        backend.cursorSteps.set(0);
        try (EntryCursor cursor = store.scan(Scan.all())) {
            for (int i = 0; i < 10; i++) {
                cursor.next();
            }
        }
        assertTrue(backend.cursorSteps.get() <= 11, "read 10 of " + KEYS + " keys with "
                + backend.cursorSteps.get() + " engine steps");
        assertEquals(0, backend.openTransactions.get(), "closing the scan closed its transaction");
    }

    @Test
    void aFullScanVisitsEveryKeyInOrderAndReleasesItsSnapshotWhenExhausted() {
        long count = 0;
        String previous = "";
        EntryCursor cursor = store.scan(Scan.prefix("key."));
        for (Iterator<Entry> it = cursor; it.hasNext(); ) {
            String key = it.next().key();
            assertTrue(key.compareTo(previous) > 0);
            previous = key;
            count++;
        }
        assertEquals(KEYS, count);
        assertEquals(0, backend.openTransactions.get(), "an exhausted scan closed itself");
    }

    @Test
    void aLimitStopsTheEngineCursor() {
        backend.cursorSteps.set(0);
        assertEquals(5, store.scan(Scan.all().limit(5)).stream().count());
        assertTrue(backend.cursorSteps.get() <= 5, "steps: " + backend.cursorSteps.get());
    }
}
