package dev.strata.backend.file.internal.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.strata.api.CorruptionException;
import dev.strata.backend.file.internal.codec.KeyCheck;
import dev.strata.backend.file.internal.io.ChannelFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest round-trips, is replaced whole, and a damaged one is a typed error naming the file. */
class ManifestStoreTest {

    @TempDir
    Path directory;

    @Test
    void roundTripAndAtomicReplacement() throws Exception {
        ManifestStore store = new ManifestStore(directory, ChannelFactory.DEFAULT);
        assertTrue(store.read().isEmpty());
        Manifest first = Manifest.empty("alias", List.of(new KeyCheck(0, new byte[] {1, 2}, new byte[] {3})));
        store.write(first);
        Manifest second = first.withFlush(new SegmentMeta(7, 1000, 10, 1, 9), 9, 8, 9);
        store.write(second);
        Manifest read = store.read().orElseThrow();
        assertEquals(second.segments(), read.segments());
        assertEquals(9, read.flushedSeq());
        assertEquals(8, read.walStart());
        assertEquals("alias", read.keyAlias());
        assertArrayEquals(new byte[] {1, 2}, read.keyChecks().get(0).nonce());
        assertTrue(Files.notExists(directory.resolve(ManifestStore.TEMP_NAME)), "no temporary file left");
    }

    @Test
    void compactionReplacesItsInputsInPlace() {
        SegmentMeta a = new SegmentMeta(3, 10, 1, 5, 6);
        SegmentMeta b = new SegmentMeta(2, 10, 1, 3, 4);
        SegmentMeta c = new SegmentMeta(1, 10, 1, 1, 2);
        Manifest manifest = new Manifest(1, 4, 1, 6, null, List.of(), List.of(a, b, c));
        SegmentMeta merged = new SegmentMeta(9, 15, 2, 1, 4);
        assertEquals(List.of(a, merged), manifest.withCompaction(List.of(b, c), merged, 10).segments());
        assertEquals(List.of(a), manifest.withCompaction(List.of(b, c), null, 10).segments());
    }

    @Test
    void aDamagedManifestIsACorruptionError() throws Exception {
        ManifestStore store = new ManifestStore(directory, ChannelFactory.DEFAULT);
        store.write(Manifest.empty(null, List.of()));
        Path file = directory.resolve(ManifestStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 4;
        Files.write(file, bytes);
        CorruptionException damage = assertThrows(CorruptionException.class, store::read);
        assertEquals(file.toString(), damage.file().orElseThrow());
    }
}
