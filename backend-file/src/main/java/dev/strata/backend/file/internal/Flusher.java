package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.strata.api.StorageException;
import dev.strata.backend.file.internal.io.IoFailures;
import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.read.EntryIterator;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.segment.SegmentWriter;
import dev.strata.backend.file.internal.wal.WalFormat;

/**
 * Writes sealed memory tables into segments, oldest first: segment file (forced), directory force, manifest
 * (segment added, log start moved past the table's log file), new view, then the obsolete log files go. A crash
 * anywhere in between leaves either the old manifest (the log is replayed again; the half-made segment is an
 * orphan, deleted at open) or the new one.
 */
final class Flusher {

    private final EngineContext context;
    private final Runnable afterFlush;

    Flusher(EngineContext context, Runnable afterFlush) {
        this.context = context;
        this.afterFlush = afterFlush;
    }

    /** Flushes every sealed table; returns when none waits. Serialised: one flush at a time. */
    synchronized void flushSealed() {
        while (true) {
            context.checkWritable();
            MemTable oldest;
            long nextWalStart;
            ReadView view = context.views().retainCurrent();
            try {
                List<MemTable> tables = view.memtables();
                if (tables.size() <= 1) {
                    return;
                }
                oldest = tables.get(tables.size() - 1);
                nextWalStart = tables.get(tables.size() - 2).walNumber();
            } finally {
                view.release();
            }
            try {
                flush(oldest, nextWalStart);
            } catch (IOException e) {
                StorageException failure = IoFailures.failed("flushing a memory table", context.directory, e);
                context.turnReadOnly(failure);
                throw failure;
            } finally {
                afterFlush.run();
            }
        }
    }

    private void flush(MemTable table, long nextWalStart) throws IOException {
        SegmentMeta meta = table.isEmpty() ? null : writeSegment(context, table);
        long maxSeq = table.maxSeq();
        context.updateManifest(manifest -> meta == null
                ? manifest.withLog(nextWalStart, context.peekNextFileNumber())
                : manifest.withFlush(meta, maxSeq, nextWalStart, context.peekNextFileNumber()));
        SegmentReader reader = meta == null ? null : context.openSegment(meta);
        context.views().update(view -> view.withFlushed(table, reader));
        context.stats.flushes.increment();
        deleteLogsBefore(context, context.logStartToKeep());
    }

    /** Writes the newest version of every key of the table into a new segment (file and directory forced). */
    static SegmentMeta writeSegment(EngineContext context, MemTable table) throws IOException {
        long id = context.nextFileNumber();
        Path file = context.directory.resolve(SegmentMeta.fileName(id));
        SegmentMeta meta;
        try (SegmentWriter writer = new SegmentWriter(file, id, context.channels, context.blockCodec,
                context.settings.blockSize(), context.settings.bloomBitsPerKey());
             EntryIterator newest = table.iterator(null, null, false, Long.MAX_VALUE)) {
            while (newest.next()) {
                writer.add(newest.key(), newest.seq(), newest.value());
            }
            meta = writer.finish();
        }
        context.channels.forceDirectory(context.directory);
        context.stats.flushBytesWritten.add(meta.bytes());
        return meta;
    }

    /**
     * Log files below {@code walStart} are obsolete (callers pass the previous manifest generation's log start, so
     * that safe mode can replay from it); a failure to delete one is retried at next open.
     */
    static void deleteLogsBefore(EngineContext context, long walStart) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(context.directory, "wal-*.log")) {
            for (Path file : files) {
                long number = WalFormat.numberOf(file.getFileName().toString());
                if (number >= 0 && number < walStart) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            context.log.log(System.Logger.Level.WARNING, "could not delete obsolete log files: " + e.getMessage());
        }
    }
}
