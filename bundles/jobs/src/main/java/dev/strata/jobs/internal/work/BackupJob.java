package dev.strata.jobs.internal.work;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyMetadata;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.management.BackupRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;
import dev.strata.jobs.internal.archive.ArchiveWriter;

/**
 * An online backup: one read-only transaction is the snapshot (writers go on committing beside it), streamed in key
 * order, each key with its expiry (an absolute time) and tags, into an archive written under a temporary name and
 * renamed when complete. Cancel or failure deletes the temporary file. With {@code testRestore} the archive is then
 * restored into a scratch memory store and its digest compared with the snapshot's.
 */
final class BackupJob {

    static final String EXTENSION = ".strata-backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private BackupJob() {
    }

    static JobWork plan(BackupRequest request, JobEnvironment env) {
        Store store = env.store(request.store());
        Compressor codec = env.codecs().compressor(env.compression(request.compression()));
        int chunkBytes = env.archiveChunkBytes();
        Sealing sealing = Sealing.resolve(env.codecs(), request.keyAlias(), request.createKey());
        Path file = request.file().isEmpty()
                ? env.backupDirectory().resolve(store.name() + "-" + LocalDateTime.now().format(STAMP) + EXTENSION)
                : env.archiveFile(request.file());
        if (Files.exists(file)) {
            throw new InvalidArgumentException("archive file '" + file + "' already exists; choose another name");
        }
        return control -> run(store, file, codec, sealing, chunkBytes, request.testRestore(), env, control);
    }

    private static String run(Store store, Path file, Compressor codec, Sealing sealing, int chunkBytes,
            boolean testRestore, JobEnvironment env, JobControl control) throws java.io.IOException {
        control.report(Leftovers.OUTPUT + file);
        String engine = store.info().backend();
        ArchiveWriter.Written written;
        try (Transaction snapshot = store.begin(TransactionMode.READ_ONLY);
             EntryCursor cursor = snapshot.scan(Scan.all());
             ArchiveWriter writer = ArchiveWriter.create(file, "backup", codec, sealing.cipher(), sealing.key(),
                     chunkBytes, env.archiveFiles())) {
            long createdAt = System.currentTimeMillis();
            long sequence = Snapshots.sequence(snapshot);
            control.message("reading snapshot of '" + store.name() + "'");
            CopyEntry copy = new CopyEntry(snapshot, cursor, writer, control);
            while (cursor.nextRaw(copy)) {
                // each entry goes straight from the bytes the scan read into the chunk (CopyEntry)
            }
            control.checkCancelled();
            written = writer.finish(store.name(), engine, createdAt, sequence,
                    Map.of("compression", codec == null ? "none" : codec.name(),
                            "keyAlias", sealing.key() == null ? "" : sealing.key().alias()));
            control.progress(writer.keys(), writer.bytes());
        }
        var m = written.manifest();
        control.report("manifest: store=" + m.store() + " engine=" + m.engine() + " keys=" + m.keys() + " bytes="
                + m.bytes() + " chunks=" + m.chunks().size() + " snapshotSequence=" + m.snapshotSequence()
                + " digest=" + m.digest());
        String summary = written.file() + ": " + m.keys() + " keys, " + m.bytes() + " bytes, " + m.digest();
        if (testRestore) {
            control.message("test restore into a scratch memory store");
            try {
                control.report(TestRestore.prove(env, written.file(), control));
            } catch (RuntimeException e) {
                // a backup whose proof failed or was cancelled is not a result: its archive goes too
                Files.deleteIfExists(written.file());
                throw e;
            }
            summary += " (test restore: digest equal)";
        }
        return summary;
    }

    /**
     * The backup's hot loop, per entry: the key's bytes and the value as the scan read them ({@link
     * EntryCursor#nextRaw}: no {@link Entry}, key {@code String} or value copy per key) and the metadata as primitives
     * from the same record (no {@code KeyMetadata} or {@code Instant}s), encoded into the chunk at once. A cursor that
     * does not carry metadata falls back to a lookup in the snapshot, as before.
     */
    private static final class CopyEntry implements EntryCursor.RawEntry {
        private final Transaction snapshot;
        private final EntryCursor cursor;
        private final ArchiveWriter writer;
        private final JobControl control;
        private long lastBytes;

        CopyEntry(Transaction snapshot, EntryCursor cursor, ArchiveWriter writer, JobControl control) {
            this.snapshot = snapshot;
            this.cursor = cursor;
            this.writer = writer;
            this.control = control;
        }

        @Override
        public void accept(byte[] key, byte[] value, int valueOffset, int valueLength) {
            long expiresAt;
            Set<String> tags;
            if (cursor.hasLiveMetadata()) {
                expiresAt = cursor.expiresAtMillis();
                tags = cursor.tags();
            } else {
                Optional<KeyMetadata> metadata = snapshot.metadata(new String(key, StandardCharsets.UTF_8));
                if (metadata.isEmpty()) {
                    return; // it expired after the scan returned it: a restore would not bring it back either
                }
                expiresAt = Records.expiresAt(metadata.get());
                tags = metadata.get().tags();
            }
            if (writer.add(key, value, valueOffset, valueLength, expiresAt, tags)) {
                control.chunkDone(writer.keys(), writer.bytes(), writer.bytes() - lastBytes);
                lastBytes = writer.bytes();
            }
        }
    }
}
