package dev.strata.jobs.internal.work;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.strata.api.EntryCursor;
import dev.strata.api.KeyOrder;
import dev.strata.api.Scan;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.Store;
import dev.strata.jobs.internal.archive.ArchiveManifest;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.archive.KeyRecord;
import dev.strata.jobs.internal.archive.ChunkIndex;

/**
 * The cold-tier catalog, in the system store: {@value #PREFIX}{@code <store>.<created, 13 digits>.<archive id>}
 * holds the archive file's path. An archive is catalogued after its file is durable and before any key is deleted
 * from the live store, so an archived key is always findable.
 */
public final class ArchiveCatalog {

    static final String PREFIX = "archives.";

    private final JobEnvironment env;

    public ArchiveCatalog(JobEnvironment env) {
        this.env = env;
    }

    void add(String store, ArchiveManifest manifest, Path file) {
        String key = PREFIX + store + "." + String.format("%013d", manifest.createdAt()) + "." + manifest.archiveId();
        system().put(key, file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The archive files of a store, newest first. */
    public List<Path> archives(String store) {
        List<Path> files = new ArrayList<>();
        try (EntryCursor cursor = system().scan(Scan.prefix(PREFIX + store + ".").reverse())) {
            cursor.forEachRemaining(e -> files.add(Path.of(new String(e.value(), StandardCharsets.UTF_8))));
        }
        return files;
    }

    /** Reads an archived key through each archive's index: one chunk read per archive that may hold it. */
    public Optional<byte[]> read(String store, String key) {
        env.store(store);
        for (Path file : archives(store)) {
            if (!Files.exists(file)) {
                continue;
            }
            try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
                ArchiveManifest manifest = reader.manifest();
                for (ChunkIndex chunk : manifest.chunks()) {
                    if (KeyOrder.compare(chunk.firstKey(), key) <= 0 && KeyOrder.compare(key, chunk.lastKey()) <= 0) {
                        for (KeyRecord e : reader.chunk(chunk)) {
                            if (e.key().equals(key)) {
                                return Optional.of(e.value());
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Store system() {
        return env.systemStore().get().orElseThrow(() -> new StoreUnavailableException(
                "the system store that holds the archive catalog is not available"));
    }
}
