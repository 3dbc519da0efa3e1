package dev.strata.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.strata.api.CorruptionException;
import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.tck.crypto.TestAesGcmCipher;
import dev.strata.api.tck.crypto.TestChaChaCipher;
import dev.strata.backend.file.internal.codec.BlockCodec;
import dev.strata.backend.file.internal.codec.Codecs;
import dev.strata.backend.file.internal.codec.KeyRing;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.Checksums;
import dev.strata.backend.file.internal.manifest.ManifestStore;
import dev.strata.backend.file.internal.wal.WalFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker who can write the store's files but has no key: records and blocks swapped, replayed, reordered,
 * copied from another store with the same key, or replaced by plaintext, with every checksum and sequence number
 * fixed up so that only the authentication can tell. Each is a {@link CorruptionException} naming the file and the
 * offset of the first record or block that is not where it was written; the cipher is the one the store records.
 */
class EncryptionTamperTest {

    private static final int RECORDS = 12;

    @TempDir
    Path temp;

    private static EngineConfig config(Path directory, boolean encrypted) {
        EngineConfig config = Stores.config(directory, Durability.OS, "checkpoint.interval", "0", "compression", "none",
                "block.size", "512");
        return encrypted ? config.with("encryption.keyAlias", "tamper") : config;
    }

    /** A store whose log holds RECORDS encrypted records (one per commit), closed cleanly. */
    private Path storeWithLog(String name, boolean encrypted) {
        Path directory = temp.resolve(name);
        try (StorageEngine engine = new TestFileBackend().open(config(directory, encrypted))) {
            for (int i = 0; i < RECORDS; i++) {
                Stores.put(engine, "key" + i, "value-" + i); // equal lengths: records can trade places
            }
        }
        return directory;
    }

    /** One log record: its header, payload and end mark. */
    private record Record(long offset, byte[] bytes) {
        byte[] payload() {
            return Arrays.copyOfRange(bytes, WalFormat.RECORD_HEADER_BYTES, bytes.length - WalFormat.RECORD_TRAILER_BYTES);
        }
    }

    private static List<Record> records(byte[] log) {
        List<Record> records = new ArrayList<>();
        int position = WalFormat.FILE_HEADER_BYTES;
        while (position < log.length) {
            int length = (int) WalFormat.recordBytes(ByteSink.readInt(log, position));
            records.add(new Record(position, Arrays.copyOfRange(log, position, position + length)));
            position += length;
        }
        return records;
    }

    /** The file header, then the payloads as records numbered on from {@code firstSeq}, checksums all valid. */
    private static byte[] rebuild(byte[] log, List<byte[]> payloads, long firstSeq) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(log, 0, WalFormat.FILE_HEADER_BYTES);
        long seq = firstSeq;
        for (byte[] payload : payloads) {
            out.writeBytes(WalFormat.recordHeader(payload.length, seq++, Checksums.crc32c(payload, 0, payload.length)));
            out.writeBytes(payload);
            out.writeBytes(WalFormat.recordTrailer());
        }
        return out.toByteArray();
    }

    private static long firstSeq(byte[] log) {
        return ByteSink.readLong(log, WalFormat.FILE_HEADER_BYTES + 4);
    }

    private void assertDetected(Path directory, Path file, long offset, String reason) {
        try (StorageEngine engine = new TestFileBackend().open(config(directory, true))) {
            assertTrue(engine.isReadOnly(), "tampering opens the store read-only");
            List<CorruptionException> problems = ((FileEngine) engine).problems();
            assertEquals(1, problems.size(), problems.toString());
            CorruptionException problem = problems.get(0);
            assertEquals(file.toString(), problem.file().orElseThrow(), problem.getMessage());
            assertEquals(offset, problem.offset(), problem.getMessage());
            assertTrue(problem.getMessage().contains(reason), problem.getMessage());
            assertFalse(engine.verify().isHealthy());
        }
    }

    @Test
    void swappedLogRecordsAreDetected() throws IOException {
        Path store = storeWithLog("swap", true);
        Path log = Stores.onlyFile(store, "wal-");
        byte[] bytes = Files.readAllBytes(log);
        List<Record> records = records(bytes);
        List<byte[]> payloads = new ArrayList<>(records.stream().map(Record::payload).toList());
        java.util.Collections.swap(payloads, 4, 5);
        Files.write(log, rebuild(bytes, payloads, firstSeq(bytes)));
        assertDetected(store, log, records.get(4).offset(), "fails authentication");
    }

    @Test
    void aReplayedLogRecordIsDetected() throws IOException {
        Path store = storeWithLog("replay", true);
        Path log = Stores.onlyFile(store, "wal-");
        byte[] bytes = Files.readAllBytes(log);
        List<Record> records = records(bytes);
        List<byte[]> payloads = new ArrayList<>(records.stream().map(Record::payload).toList());
        payloads.add(payloads.get(2)); // an old commit written again, numbered as the next one
        byte[] tampered = rebuild(bytes, payloads, firstSeq(bytes));
        Files.write(log, tampered);
        assertDetected(store, log, bytes.length, "fails authentication");
    }

    @Test
    void reorderedLogRecordsAreDetected() throws IOException {
        Path store = storeWithLog("reorder", true);
        Path log = Stores.onlyFile(store, "wal-");
        byte[] bytes = Files.readAllBytes(log);
        List<Record> records = records(bytes);
        List<byte[]> payloads = new ArrayList<>(records.stream().map(Record::payload).toList());
        java.util.Collections.reverse(payloads.subList(6, RECORDS));
        Files.write(log, rebuild(bytes, payloads, firstSeq(bytes)));
        assertDetected(store, log, records.get(6).offset(), "fails authentication");
    }

    @Test
    void aLogRecordFromAnotherStoreWithTheSameKeyIsDetected() throws IOException {
        Path store = storeWithLog("target", true);
        Path other = storeWithLog("other", true); // same key provider seed and alias: the same key
        Path log = Stores.onlyFile(store, "wal-");
        byte[] bytes = Files.readAllBytes(log);
        byte[] foreign = Files.readAllBytes(Stores.onlyFile(other, "wal-"));
        List<Record> records = records(bytes);
        List<byte[]> payloads = new ArrayList<>(records.stream().map(Record::payload).toList());
        payloads.set(3, records(foreign).get(3).payload()); // same file number, offset and sequence number
        Files.write(log, rebuild(bytes, payloads, firstSeq(bytes)));
        assertDetected(store, log, records.get(3).offset(), "fails authentication");
    }

    @Test
    void aPlaintextLogRecordInAnEncryptedStoreIsDetected() throws IOException {
        Path store = storeWithLog("plain-target", true);
        Path plain = storeWithLog("plain-source", false);
        Path log = Stores.onlyFile(store, "wal-");
        byte[] bytes = Files.readAllBytes(log);
        List<Record> records = records(bytes);
        List<byte[]> payloads = new ArrayList<>(records.stream().map(Record::payload).toList());
        payloads.add(records(Files.readAllBytes(Stores.onlyFile(plain, "wal-"))).get(0).payload());
        Files.write(log, rebuild(bytes, payloads, firstSeq(bytes)));
        assertDetected(store, log, bytes.length, "plaintext log record");
    }

    /** A segment holding equal-sized data blocks (compression off, equal entries), checkpointed, closed. */
    private Path storeWithSegment(String name) {
        Path directory = temp.resolve(name);
        try (StorageEngine engine = new TestFileBackend().open(config(directory, true))) {
            for (int i = 0; i < 200; i++) {
                Stores.put(engine, String.format("key%05d", i), "v".repeat(40));
            }
            engine.checkpoint();
        }
        return directory;
    }

    /** Offsets and lengths of the frames of a segment (data blocks, then index and filter), before its footer. */
    private static List<long[]> frames(byte[] segment) {
        List<long[]> frames = new ArrayList<>();
        int position = 16;
        while (position < segment.length - 68) {
            int length = BlockCodec.frameLength(segment, position);
            frames.add(new long[] {position, length});
            position += length;
        }
        return frames;
    }

    @Test
    void swappedDataBlocksAreDetectedWhenRead() throws IOException {
        Path store = storeWithSegment("blocks");
        Path segment = Stores.onlyFile(store, "seg-");
        byte[] bytes = Files.readAllBytes(segment);
        List<long[]> blocks = frames(bytes).subList(0, frames(bytes).size() - 2);
        long[] a = blocks.get(1);
        long[] b = blocks.get(2);
        assertEquals(a[1], b[1], "equal-sized blocks");
        byte[] copy = bytes.clone();
        System.arraycopy(bytes, (int) a[0], copy, (int) b[0], (int) a[1]);
        System.arraycopy(bytes, (int) b[0], copy, (int) a[0], (int) b[1]);
        Files.write(segment, copy);
        try (StorageEngine engine = new TestFileBackend().open(config(store, true))) {
            assertFalse(engine.isReadOnly(), "index and filter are intact: found only when a block is read");
            CorruptionException failure = null;
            for (int i = 0; i < 200 && failure == null; i++) {
                try {
                    assertEquals("v".repeat(40), Stores.get(engine, String.format("key%05d", i)));
                } catch (CorruptionException e) {
                    failure = e;
                }
            }
            assertTrue(failure != null, "a moved block never reads as data");
            assertEquals(segment.toString(), failure.file().orElseThrow());
            assertTrue(failure.offset() == a[0] || failure.offset() == b[0], failure.getMessage());
            assertTrue(failure.getMessage().contains("authentication"), failure.getMessage());
            assertTrue(engine.isReadOnly(), "a store that found damage turns read-only");
        }
    }

    @Test
    void aSegmentFromAnotherStoreWithTheSameKeyIsDetected() throws IOException {
        Path store = storeWithSegment("segment-target");
        Path other = storeWithSegment("segment-other"); // same history: the same file numbers, sizes and entries
        Path segment = Stores.onlyFile(store, "seg-");
        Path foreign = Stores.onlyFile(other, "seg-");
        assertEquals(segment.getFileName(), foreign.getFileName());
        assertEquals(Files.size(segment), Files.size(foreign));
        Files.copy(foreign, segment, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<long[]> frames = frames(Files.readAllBytes(segment));
        assertDetected(store, segment, frames.get(frames.size() - 2)[0], "authentication"); // the index, read at open
    }

    @Test
    void aPlaintextBlockInAnEncryptedSegmentIsRefused() {
        TestAesGcmCipher cipher = new TestAesGcmCipher();
        KeyRing keys = KeyRing.open(cipher, new TestKeyProvider("plain"), "alias", List.of());
        Codecs codecs = new Codecs();
        BlockCodec encrypting = new BlockCodec(codecs, null, keys, 42, 1);
        byte[] plain = new BlockCodec(codecs, null, null).seal(new byte[100], 7, 16);
        CorruptionException refused = assertThrows(CorruptionException.class,
                () -> encrypting.open(plain, 7, 16, "seg-000000000007.sst"));
        assertTrue(refused.getMessage().contains("plaintext block"), refused.getMessage());
        assertEquals(16, refused.offset());
        byte[] sealed = encrypting.seal(new byte[100], 7, 16);
        assertEquals(100, encrypting.open(sealed, 7, 16, "seg").length, "its own block opens");
        assertThrows(CorruptionException.class, () -> new BlockCodec(codecs, null, keys, 43, 1).open(sealed, 7, 16,
                "seg"), "another store id: refused");
    }

    @Test
    void theStoreRecordsItsCipherAndRefusesAConfigurationAskingForAnother() {
        Path store = temp.resolve("cipher");
        TestKeyProvider keys = new TestKeyProvider(TestFileBackend.KEY_SEED);
        List<dev.strata.api.crypto.AeadCipher> both = List.of(new TestAesGcmCipher(), new TestChaChaCipher());
        EngineConfig chacha = config(store, true).with("encryption.cipher", "ChaCha20-Poly1305");
        try (StorageEngine engine = FileBackend.withCiphers(List.of(new TestDeflateCompressor()), both, keys).open(chacha)) {
            Stores.put(engine, "k", "v");
        }
        assertEquals("ChaCha20-Poly1305", new ManifestStore(store, dev.strata.backend.file.internal.io.ChannelFactory.DEFAULT)
                .read().orElseThrow().identity().cipher());
        // whatever order the services come in, a store without the setting uses the cipher it records
        List<dev.strata.api.crypto.AeadCipher> reversed = List.of(both.get(1), both.get(0));
        for (List<dev.strata.api.crypto.AeadCipher> order : List.of(both, reversed)) {
            try (StorageEngine engine = FileBackend.withCiphers(List.of(new TestDeflateCompressor()), order, keys)
                    .open(config(store, true))) {
                assertEquals("v", Stores.get(engine, "k"));
            }
        }
        InvalidArgumentException refused = assertThrows(InvalidArgumentException.class, () -> FileBackend.withCiphers(
                List.of(new TestDeflateCompressor()), both, keys).open(config(store, true)
                        .with("encryption.cipher", "AES-256-GCM")));
        assertTrue(refused.getMessage().contains("ChaCha20-Poly1305") && refused.getMessage().contains("AES-256-GCM"),
                refused.getMessage());
        dev.strata.api.StoreUnavailableException missing = assertThrows(dev.strata.api.StoreUnavailableException.class,
                () -> FileBackend.withCiphers(List.of(new TestDeflateCompressor()), List.of(new TestAesGcmCipher()), keys)
                        .open(config(store, true)));
        assertTrue(missing.getMessage().contains("strata.cipher=ChaCha20-Poly1305"), missing.getMessage());
    }
}
