package org.example.strata.sortedfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.tck.MetatypeCheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedFileSettingsTest {

    @TempDir
    Path directory;

    private EngineConfig config(Map<String, Object> settings) {
        return new EngineConfig("ex", directory.resolve("ex"), Durability.OS, settings);
    }

    @Test
    void aValueOverTheStoresLimitIsRefusedAndNothingIsWritten() {
        try (StorageEngine engine = new SortedFileBackend().open(config(Map.of("example.maxValueSize", "1k")))) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                tx.put(new byte[] {1}, new byte[1024]);
                QuotaExceededException e = assertThrows(QuotaExceededException.class,
                        () -> tx.put(new byte[] {2}, new byte[1025]));
                assertTrue(e.getMessage().contains("example.maxValueSize"), e.getMessage());
                tx.commit();
            }
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                assertEquals(1024, tx.get(new byte[] {1}).length);
                assertEquals(null, tx.get(new byte[] {2}));
            }
        }
    }

    @Test
    void unknownAndMalformedKeysAreRefusedBeforeAnyFileIsMade() {
        InvalidArgumentException unknown = assertThrows(InvalidArgumentException.class,
                () -> new SortedFileBackend().open(config(Map.of("example.maxValue", "1k"))));
        assertTrue(unknown.getMessage().contains("'example.maxValue'"), unknown.getMessage());
        InvalidArgumentException malformed = assertThrows(InvalidArgumentException.class,
                () -> new SortedFileBackend().open(config(Map.of("example.maxValueSize", "big"))));
        assertTrue(malformed.getMessage().contains("example.maxValueSize must be a size"), malformed.getMessage());
        assertThrows(InvalidArgumentException.class,
                () -> new SortedFileBackend().open(config(Map.of("example.maxValueSize", "65m"))));
        assertTrue(Files.notExists(directory.resolve("ex")));
    }

    @Test
    void theMetatypeDescribesEveryKeyUnderTheBackendsPid() throws Exception {
        assertEquals(Set.of(SortedFileSettings.MAX_VALUE_SIZE),
                MetatypeCheck.assertPublished(SortedFileConfiguration.class, SortedFileBackend.TYPE));
    }
}
