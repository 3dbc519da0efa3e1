package dev.strata.jobs.internal.work;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyPattern;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.archive.ArchiveWriter;
import dev.strata.jobs.internal.archive.KeyRecord;

/**
 * Moves keys to the cold tier in segments of {@value #SEGMENT_CHUNKS} chunks: each segment's entries (read from one
 * snapshot for the whole run) go into an indexed archive file, durable and renamed into place, which is catalogued;
 * then its keys are deleted from the live store one chunk per transaction, each only if it still holds the archived
 * value; then the run's position ({@link ArchiveRuns}) moves past it. Until a segment's file is durable none of its
 * keys is deleted, so a key is always live, archived, or both. A cancel or a crash loses at most the segment being
 * written (its temporary file is removed); the same request submitted again finishes the deletion the position names
 * and continues after the last archived key, and says so.
 */
final class ColdArchiveJob {

    static final String EXTENSION = ".strata-archive";
    static final int SEGMENT_CHUNKS = 16;

    private ColdArchiveJob() {
    }

    static JobWork plan(ArchiveRequest request, JobEnvironment env) {
        Store store = env.store(request.store());
        Compressor codec = env.codecs().compressor(env.compression(request.compression()));
        env.archiveChunkBytes(); // a chunk size the format cannot hold is refused now, not after the first chunk
        Sealing sealing = Sealing.resolve(env.codecs(), request.keyAlias(), false);
        Store system = env.systemStore().get().orElseThrow(() -> new dev.strata.api.StoreUnavailableException(
                "the system store that holds the archive catalog is not available"));
        Path directory = (request.destination().isEmpty() ? env.archiveDirectory() : Path.of(request.destination()))
                .resolve(store.name());
        Scan selection = new Scan(null, request.from().isEmpty() ? null : request.from(),
                request.to().isEmpty() ? null : request.to(), KeyPattern.compile(request.pattern()), false, 0);
        String updatedBefore = request.updatedBefore();
        ArchiveRuns runs = new ArchiveRuns(system, store.name(), selection
                + (updatedBefore.isEmpty() ? "" : " written before " + updatedBefore) + " -> " + directory);
        return control -> new ColdArchiveJob.Run(store, selection, updatedBefore, directory, codec, sealing, env, runs,
                control).run();
    }

    /** One run, segment after segment. */
    private record Run(Store store, Scan selection, String updatedBefore, Path directory, Compressor codec, Sealing sealing,
            JobEnvironment env, ArchiveRuns runs, JobControl control) {

        String run() {
            Optional<ArchiveRuns.Position> before = runs.position();
            String resumed = "";
            long keys = 0;
            long archives = 0;
            long[] counts = new long[2];
            Scan scan = selection;
            if (before.isPresent()) {
                ArchiveRuns.Position p = before.get();
                if (!p.deleting().isEmpty()) {
                    deleteArchived(Path.of(p.deleting()), counts);
                }
                keys = p.keys();
                archives = p.archives();
                scan = new Scan(null, p.lastKey(), selection.to(), selection.pattern(), false, 0);
                resumed = "resumed at key '" + p.lastKey() + "' after job " + p.jobId() + ": " + p.keys()
                        + " keys already archived in " + p.archives() + " archive(s); ";
                control.report(resumed.substring(0, resumed.length() - 2));
            }
            long archivedNow = 0;
            try (Transaction snapshot = store.begin(TransactionMode.READ_ONLY);
                 EntryCursor cursor = WrittenBefore.select(snapshot.scan(scan), snapshot, updatedBefore)) {
                String skip = before.map(ArchiveRuns.Position::lastKey).orElse(null);
                Entry pending = next(cursor, skip);
                while (pending != null) {
                    Path file = directory.resolve(control.jobId() + "-" + String.format("%03d", archives + 1)
                            + EXTENSION);
                    control.report(Leftovers.OUTPUT + file);
                    ArchiveWriter.Written written = writeSegment(snapshot, cursor, pending, file, keys);
                    archives++;
                    keys += written.manifest().keys();
                    archivedNow += written.manifest().keys();
                    String lastKey = written.manifest().chunks().isEmpty() ? pending.key() : lastKey(written);
                    new ArchiveCatalog(env).add(store.name(), written.manifest(), written.file());
                    runs.record(new ArchiveRuns.Position(control.jobId(), written.file().toString(), lastKey, keys,
                            archives));
                    deleteArchived(written.file(), counts);
                    runs.record(new ArchiveRuns.Position(control.jobId(), "", lastKey, keys, archives));
                    pending = next(cursor, null);
                }
            }
            runs.finished();
            String result = resumed + "archived " + archivedNow + " keys of '" + store.name() + "' into " + archives
                    + " archive(s) in " + directory + "; deleted " + counts[0] + " from the live store (" + counts[1]
                    + " kept: changed since)";
            control.report(result);
            return result;
        }

        private ArchiveWriter.Written writeSegment(Transaction snapshot, EntryCursor cursor, Entry first, Path file,
                long keysBefore) {
            try (ArchiveWriter writer = ArchiveWriter.create(file, "cold", codec, sealing.cipher(), sealing.key(),
                    env.chunkBytes(), env.archiveFiles())) {
                long createdAt = System.currentTimeMillis();
                long last = 0;
                int chunks = 0;
                Entry e = first;
                while (true) {
                    var record = Records.read(snapshot, cursor, e); // empty: expired after the scan returned it
                    if (record.isPresent() && writer.add(record.get())) {
                        control.chunkDone(keysBefore + writer.keys(), writer.bytes(), writer.bytes() - last);
                        last = writer.bytes();
                        if (++chunks >= SEGMENT_CHUNKS) {
                            break;
                        }
                    }
                    if (!cursor.hasNext()) {
                        break;
                    }
                    e = cursor.next();
                }
                control.checkCancelled();
                return writer.finish(store.name(), store.info().backend(), createdAt, Snapshots.sequence(snapshot),
                        Map.of("selection", String.valueOf(selection)));
            }
        }

        private void deleteArchived(Path file, long[] counts) {
            control.message("deleting the keys of " + file.getFileName() + " from '" + store.name() + "'");
            try (ArchiveReader reader = ArchiveReader.open(file, env.codecs())) {
                reader.readAll((chunk, entries, read) -> {
                    long[] r = store.inTransactionResult(tx -> deleteUnchanged(tx, entries));
                    counts[0] += r[0];
                    counts[1] += r[1];
                    control.checkCancelled();
                });
            }
        }

        private static String lastKey(ArchiveWriter.Written written) {
            var index = written.manifest().chunks();
            return index.get(index.size() - 1).lastKey();
        }

        private static Entry next(EntryCursor cursor, String skip) {
            while (cursor.hasNext()) {
                Entry e = cursor.next();
                if (!e.key().equals(skip)) {
                    return e;
                }
            }
            return null;
        }
    }

    private static long[] deleteUnchanged(Transaction tx, Iterable<KeyRecord> entries) {
        long deleted = 0;
        long kept = 0;
        for (KeyRecord e : entries) {
            Optional<byte[]> now = tx.get(e.key());
            if (now.isPresent() && Arrays.equals(now.get(), e.value())) {
                tx.delete(e.key());
                deleted++;
            } else {
                kept++;
            }
        }
        return new long[] {deleted, kept};
    }
}
