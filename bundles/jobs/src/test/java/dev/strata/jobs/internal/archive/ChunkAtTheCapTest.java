package dev.strata.jobs.internal.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a chunk size at the format's cap, an entry that would take the chunk being filled past it starts the next
 * chunk, instead of failing the job (a chunk is handed over only once it has reached the chunk size, so the entry
 * that crosses it can end beyond it).
 */
class ChunkAtTheCapTest {

    @TempDir
    Path dir;

    @Test
    void anEntryThatWouldCrossTheCapStartsTheNextChunk() {
        byte[] value = new byte[30 * 1024 * 1024]; // three fit under 96 MiB, a fourth does not
        Path file = dir.resolve("big.strata-backup");
        ArchiveWriter.Written written;
        try (ArchiveWriter writer = ArchiveWriter.create(file, "backup", null, null, null,
                ArchiveWriter.MAX_CHUNK_BYTES)) {
            for (String key : List.of("a", "b", "c", "d")) {
                writer.add(key, value);
            }
            written = writer.finish("big", "memory", 0, 0, Map.of());
        }
        List<ChunkIndex> chunks = written.manifest().chunks();
        assertEquals(2, chunks.size(), chunks.toString());
        assertEquals(3, chunks.get(0).entries());
        assertEquals("d", chunks.get(1).firstKey());
        assertEquals(4, written.manifest().keys());
    }
}
