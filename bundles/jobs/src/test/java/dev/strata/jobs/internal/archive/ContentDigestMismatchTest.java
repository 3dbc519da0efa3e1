package dev.strata.jobs.internal.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.KeyProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content digest is the check that remains when a chunk's bytes were changed and its CRC32C made to match (no
 * AEAD tag in a plain archive): the key count, byte count and key order still hold, only the digest of the keys
 * and values read back differs from the manifest's. It also ties the writer's digest, taken from the encoded chunk,
 * to the reader's, taken from the decoded entries: an untouched archive verifies.
 */
class ContentDigestMismatchTest {

    private static final ArchiveCodecs NO_CODECS = new ArchiveCodecs() {
        @Override
        public Compressor compressor(String name) {
            throw new IllegalArgumentException("no codec in this test: " + name);
        }

        @Override
        public Compressor compressor(int id) {
            throw new IllegalArgumentException("no codec in this test: " + id);
        }

        @Override
        public AeadCipher cipher(String algorithm) {
            throw new IllegalArgumentException("no cipher in this test");
        }

        @Override
        public KeyProvider keys() {
            throw new IllegalArgumentException("no keys in this test");
        }
    };

    @TempDir
    Path dir;

    @Test
    void aValueChangedUnderAMatchingChecksumFailsOnTheDigest() throws Exception {
        Path file = dir.resolve("plain.strata-backup");
        ArchiveWriter.Written written;
        try (ArchiveWriter writer = ArchiveWriter.create(file, "backup", null, null, null, 4096)) {
            for (int i = 0; i < 200; i++) {
                writer.add(String.format("key.%04d", i), ("value " + i).repeat(1 + i % 5)
                        .getBytes(StandardCharsets.UTF_8));
            }
            written = writer.finish("s", "memory", 0, 0, Map.of());
        }
        try (ArchiveReader reader = ArchiveReader.open(file, NO_CODECS)) {
            assertEquals(written.manifest().digest(), reader.readAll(null).digest(), "the untouched archive");
        }

        byte[] archive = Files.readAllBytes(file);
        int chunk = headerLength(archive);
        int payload = chunk + ChunkFrame.HEADER; // no nonce: not sealed
        int plainLength = ByteBuffer.wrap(archive, chunk + 10, 4).getInt();
        assertEquals(0, archive[chunk + 9], "stored raw (no codec), so the value's bytes are in the file as they are");
        int keyLength = (archive[payload] & 0xFF) << 8 | (archive[payload + 1] & 0xFF);
        int firstValueByte = payload + 2 + keyLength + 4;
        assertEquals('v', archive[firstValueByte]);
        archive[firstValueByte] = 'V';
        CRC32C crc = new CRC32C();
        crc.update(archive, chunk, ChunkFrame.HEADER + plainLength);
        ByteBuffer.wrap(archive).putInt(payload + plainLength, (int) crc.getValue());
        Files.write(file, archive);

        try (ArchiveReader reader = ArchiveReader.open(file, NO_CODECS)) {
            ArchiveCorruptException e = assertThrows(ArchiveCorruptException.class, () -> reader.readAll(null));
            assertTrue(e.getMessage().contains("the content digest sha256:") && e.getMessage().contains(
                    "differs from the manifest's " + written.manifest().digest()), e.getMessage());
        }
    }

    /** The header frame: magic, version u16, body length u32, body, CRC32C. */
    private static int headerLength(byte[] archive) {
        return 8 + 2 + 4 + ByteBuffer.wrap(archive, 10, 4).getInt() + 4;
    }
}
