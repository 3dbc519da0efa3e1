package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;

import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.RestoreRequest;
import dev.strata.jobs.internal.archive.ArchiveCorruptException;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.archive.ForeignArchiveException;
import dev.strata.jobs.internal.archive.UnsupportedArchiveVersionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every damage to an archive is found by verify and by restore, which then writes nothing. */
class ArchiveTamperTest {

    private static final int SAMPLED_FLIPS = 800;
    private static final int RESTORE_FLIPS = 12;

    @TempDir
    Path dir;
    TestRuntime runtime;
    JobEngine engine;

    @BeforeEach
    void start() {
        runtime = new TestRuntime(dir);
        engine = runtime.engine(1, 100, 256);
    }

    @AfterEach
    void stop() {
        engine.close();
        runtime.close();
    }

    private byte[] archive(String keyAlias) throws Exception {
        Store source = runtime.define("source", "memory");
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] value = new byte[10 + random.nextInt(30)];
            random.nextBytes(value);
            source.put(String.format("key.%05d", i), value);
        }
        Path file = dir.resolve("a.strata-backup");
        JobInfo job = BackupRestoreTest.run(engine, new BackupRequest("source", file.toString(), "lz4", keyAlias,
                true, false));
        assertEquals(JobState.SUCCEEDED, job.state(), job.failure());
        return Files.readAllBytes(file);
    }

    private void verifyFails(byte[] damaged, String what) throws Exception {
        Path file = dir.resolve("damaged");
        Files.write(file, damaged);
        try (ArchiveReader reader = ArchiveReader.open(file, runtime.crypto)) {
            reader.readAll(null);
            fail(what + " was not detected");
        } catch (ArchiveCorruptException | ForeignArchiveException e) {
            String m = e.getMessage();
            assertTrue(m.contains("chunk") || m.contains("header") || m.contains("manifest") || m.contains("trailer")
                    || m.contains("not a Strata archive"), what + ": " + m);
        }
    }

    private void restoreFails(byte[] damaged, String what) throws Exception {
        Path file = dir.resolve("damaged");
        Files.write(file, damaged);
        Store target = runtime.findStore("target").orElseGet(() -> runtime.define("target", "memory"));
        try {
            JobInfo job = BackupRestoreTest.run(engine, new RestoreRequest(file.toString(), "target", false));
            assertEquals(JobState.FAILED, job.state(), what + " was restored");
        } catch (StorageException refusedAtSubmission) {
            // header, key or trailer damage is refused before the job is queued
        }
        assertTrue(target.scan(dev.strata.api.Scan.all()).stream().findAny().isEmpty(), what + " wrote keys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "vault"})
    void everyTruncationIsDetectedByVerifyAndRestore(String keyAlias) throws Exception {
        byte[] good = archive(keyAlias);
        for (int length = 0; length < good.length; length++) {
            verifyFails(Arrays.copyOf(good, length), "truncation to " + length + " bytes");
        }
        for (int length = 0; length < good.length; length += Math.max(1, good.length / RESTORE_FLIPS)) {
            restoreFails(Arrays.copyOf(good, length), "truncation to " + length + " bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "vault"})
    void sampledSingleBitFlipsAreDetectedByVerifyAndRestore(String keyAlias) throws Exception {
        byte[] good = archive(keyAlias);
        Random random = new Random(20261201);
        long bits = good.length * 8L;
        for (int i = 0; i < Math.min(SAMPLED_FLIPS, bits); i++) {
            long bit = bits <= SAMPLED_FLIPS ? i : (long) (random.nextDouble() * bits);
            verifyFails(flip(good, bit), "flip of bit " + bit);
        }
        for (int i = 0; i < RESTORE_FLIPS; i++) {
            long bit = (long) (random.nextDouble() * bits);
            restoreFails(flip(good, bit), "flip of bit " + bit);
        }
    }

    @Test
    void damageInADataChunkIsReportedWithThatChunksIndex() throws Exception {
        byte[] good = archive("");
        byte[] damaged = flip(good, (good.length / 2) * 8L);
        Path file = dir.resolve("damaged");
        Files.write(file, damaged);
        try (ArchiveReader reader = ArchiveReader.open(file, runtime.crypto)) {
            ArchiveCorruptException e = assertThrows(ArchiveCorruptException.class, () -> reader.readAll(null));
            assertTrue(e.chunk() > 0, e.getMessage());
            assertTrue(e.getMessage().contains("chunk " + e.chunk()), e.getMessage());
            assertTrue(e.file().isPresent() && e.offset() > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "vault"})
    void swappedDroppedOrDuplicatedChunksAreDetected(String keyAlias) throws Exception {
        byte[] good = archive(keyAlias);
        Path file = dir.resolve("good");
        Files.write(file, good);
        java.util.List<dev.strata.jobs.internal.archive.ChunkIndex> chunks;
        try (ArchiveReader reader = ArchiveReader.open(file, runtime.crypto)) {
            chunks = reader.manifest().chunks();
        }
        assertTrue(chunks.size() >= 4, "enough chunks to rearrange: " + chunks.size());
        int a = (int) chunks.get(1).offset();
        int b = (int) chunks.get(2).offset();
        int c = (int) chunks.get(3).offset();
        byte[] first = Arrays.copyOfRange(good, a, b);
        byte[] second = Arrays.copyOfRange(good, b, c);
        byte[] swapped = concat(Arrays.copyOf(good, a), second, first, Arrays.copyOfRange(good, c, good.length));
        byte[] dropped = concat(Arrays.copyOf(good, a), Arrays.copyOfRange(good, b, good.length));
        byte[] doubled = concat(Arrays.copyOf(good, b), first, Arrays.copyOfRange(good, b, good.length));
        for (byte[] damaged : new byte[][] {swapped, dropped, doubled}) {
            verifyFails(damaged, "rearranged chunks");
            restoreFails(damaged, "rearranged chunks");
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void anArchiveOfANewerFormatVersionIsRefusedWithAClearMessage() throws Exception {
        byte[] newer = archive("").clone();
        ByteBuffer b = ByteBuffer.wrap(newer);
        b.putShort(8, (short) 3);
        int bodyLength = b.getInt(10);
        CRC32C crc = new CRC32C();
        crc.update(newer, 0, 14 + bodyLength);
        b.putInt(14 + bodyLength, (int) crc.getValue());
        Path file = dir.resolve("newer");
        Files.write(file, newer);
        UnsupportedArchiveVersionException e = assertThrows(UnsupportedArchiveVersionException.class,
                () -> ArchiveReader.open(file, runtime.crypto));
        assertTrue(e.getMessage().contains("format version 3, newer than this runtime reads (2)"), e.getMessage());
        runtime.define("target", "memory");
        assertThrows(UnsupportedArchiveVersionException.class,
                () -> engine.submit(new RestoreRequest(file.toString(), "target", false), "test"));
    }

    @Test
    void aForeignFileIsRefused() throws Exception {
        Path file = dir.resolve("foreign.txt");
        Files.writeString(file, "this is not an archive, just text long enough", StandardCharsets.UTF_8);
        assertInstanceOf(ForeignArchiveException.class, assertThrows(StorageException.class,
                () -> ArchiveReader.open(file, runtime.crypto)));
    }

    private static byte[] flip(byte[] good, long bit) {
        byte[] copy = good.clone();
        copy[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
