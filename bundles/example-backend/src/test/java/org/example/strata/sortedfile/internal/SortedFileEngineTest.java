package org.example.strata.sortedfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.strata.api.CorruptionException;
import dev.strata.api.Durability;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the TCK cannot see from outside: the file, its checksum, the durability levels and the directory lock. */
class SortedFileEngineTest {

    @TempDir
    Path directory;

    private StorageEngine open(Durability durability) {
        return new SortedFileBackend().open(new EngineConfig("t", directory, durability, Map.of()));
    }

    private static void put(StorageEngine engine, String key, String value) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes(key), bytes(value));
            tx.commit();
        }
    }

    private static String get(StorageEngine engine, String key) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            byte[] value = tx.get(bytes(key));
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDamagedFileIsACorruptionErrorNamingTheFile() throws IOException {
        try (StorageEngine engine = open(Durability.FSYNC)) {
            put(engine, "a", "some value");
        }
        Path file = directory.resolve(DataFile.NAME);
        byte[] content = Files.readAllBytes(file);
        content[content.length / 2] ^= 0x40;
        Files.write(file, content);

        CorruptionException error = assertThrows(CorruptionException.class, () -> open(Durability.OS));
        assertEquals(file.toString(), error.file().orElseThrow());
        assertTrue(error.getMessage().contains("checksum"), error.getMessage());
    }

    @Test
    void verifyReportsDamageFoundInTheFile() throws IOException {
        try (StorageEngine engine = open(Durability.OS)) {
            put(engine, "a", "1");
            assertTrue(engine.verify().isHealthy());
            Path file = directory.resolve(DataFile.NAME);
            byte[] content = Files.readAllBytes(file);
            content[content.length - 1] ^= 0x01;
            Files.write(file, content);
            VerifyResult result = engine.verify();
            assertFalse(result.isHealthy());
            assertTrue(result.problems().get(0).contains(DataFile.NAME), result.problems().toString());
        }
    }

    @Test
    void aTruncatedFileIsACorruptionError() throws IOException {
        Files.write(directory.resolve(DataFile.NAME), new byte[] {'S', 'F'});
        assertThrows(CorruptionException.class, () -> open(Durability.OS));
    }

    @Test
    void aTempFileLeftByACrashIsIgnored() throws IOException {
        try (StorageEngine engine = open(Durability.OS)) {
            put(engine, "kept", "1");
        }
        Files.write(directory.resolve(DataFile.TEMP_NAME), new byte[] {1, 2, 3});
        try (StorageEngine engine = open(Durability.OS)) {
            assertEquals("1", get(engine, "kept"));
        }
        assertFalse(Files.exists(directory.resolve(DataFile.TEMP_NAME)));
    }

    @Test
    void durabilityNoneWritesTheFileOnlyAtCheckpointAndClose() {
        Path file = directory.resolve(DataFile.NAME);
        try (StorageEngine engine = open(Durability.NONE)) {
            put(engine, "a", "1");
            assertFalse(Files.exists(file), "commit alone does not write with durability none");
            engine.checkpoint();
            assertTrue(Files.exists(file));
            put(engine, "b", "2");
        }
        try (StorageEngine engine = open(Durability.NONE)) {
            assertEquals("1", get(engine, "a"));
            assertEquals("2", get(engine, "b"), "close saved the last commit");
        }
    }

    @Test
    void osAndFsyncWriteTheFileBeforeCommitReturns() {
        for (Durability durability : new Durability[] {Durability.OS, Durability.FSYNC}) {
            try (StorageEngine engine = open(durability)) {
                put(engine, "k", durability.name());
                assertEquals(durability.name(), DataFile.read(directory.resolve(DataFile.NAME)).entries().entrySet().stream()
                        .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).findFirst().orElseThrow());
            }
        }
    }

    @Test
    void oneOpenEnginePerDirectory() {
        try (StorageEngine engine = open(Durability.OS)) {
            StorageException error = assertThrows(StorageException.class, () -> open(Durability.OS));
            assertTrue(error.getMessage().contains("in use"), error.getMessage());
        }
        open(Durability.OS).close();
    }

    @Test
    void aTransactionOfAClosedEngineCannotCommit() {
        StorageEngine engine = open(Durability.OS);
        EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE);
        tx.put(bytes("late"), bytes("x"));
        engine.close();
        assertThrows(StoreUnavailableException.class, tx::commit);
        try (StorageEngine reopened = open(Durability.OS)) {
            assertNull(get(reopened, "late"));
        }
    }

    @Test
    void metricsReportKeysBytesAndFileSize() {
        try (StorageEngine engine = open(Durability.OS)) {
            put(engine, "ab", "123");
            assertEquals(1, engine.metrics().keys());
            assertEquals(5, engine.metrics().memoryBytes());
            assertTrue(engine.metrics().diskBytes() > 5);
        }
    }

    /** A format-1 file (no commit sequence), written byte by byte as the previous version of this backend did. */
    private void writeFormatOneFile(String key, String value) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeInt(0x53465831);
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(key.length());
        out.write(bytes(key));
        out.writeInt(value.length());
        out.write(bytes(value));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        Files.write(directory.resolve(DataFile.NAME), bytes.toByteArray());
    }

    @Test
    void aFormatOneFileIsReadAndUpgradedByTheNextCommit() throws IOException {
        writeFormatOneFile("old", "data");
        try (StorageEngine engine = open(Durability.FSYNC)) {
            assertEquals("data", get(engine, "old"));
            put(engine, "new", "x");
        }
        byte[] upgraded = Files.readAllBytes(directory.resolve(DataFile.NAME));
        assertEquals(2, java.nio.ByteBuffer.wrap(upgraded).getInt(4), "rewritten in format 2");
        assertEquals(1, java.nio.ByteBuffer.wrap(upgraded).getLong(8), "with the commit's sequence");
        try (StorageEngine engine = open(Durability.OS)) {
            assertEquals("data", get(engine, "old"));
            assertEquals("x", get(engine, "new"));
        }
    }

    @Test
    void aFileOfANewerFormatIsRefusedAndLeftAlone() throws IOException {
        try (StorageEngine engine = open(Durability.FSYNC)) {
            put(engine, "a", "1");
        }
        Path file = directory.resolve(DataFile.NAME);
        byte[] content = Files.readAllBytes(file);
        java.nio.ByteBuffer.wrap(content).putInt(4, 3);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(content, 0, content.length - 4);
        java.nio.ByteBuffer.wrap(content).putInt(content.length - 4, (int) crc.getValue());
        Files.write(file, content);
        CorruptionException refused = assertThrows(CorruptionException.class, () -> open(Durability.OS));
        assertTrue(refused.getMessage().contains("format 3"), refused.getMessage());
        assertEquals(java.util.Arrays.toString(content), java.util.Arrays.toString(Files.readAllBytes(file)));
    }

    @Test
    void theCommitSequenceIsKeptInTheFile() {
        long last;
        try (StorageEngine engine = open(Durability.OS)) {
            put(engine, "a", "1");
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                tx.put(bytes("b"), bytes("2"));
                last = tx.commit();
            }
        }
        assertEquals(last, DataFile.read(directory.resolve(DataFile.NAME)).sequence());
    }
}
