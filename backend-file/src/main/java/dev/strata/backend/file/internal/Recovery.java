package dev.strata.backend.file.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.strata.backend.file.internal.io.StoreLock;
import dev.strata.backend.file.internal.manifest.Manifest;
import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.wal.WalFormat;
import dev.strata.backend.file.internal.wal.WalReader;
import dev.strata.backend.file.internal.wal.WalWriter;

/**
 * Brings a store back to its last complete transaction: opens the manifest's segments, replays the log files from
 * the manifest's log start (a torn tail is cut: it was never acknowledged), writes what was replayed into a new
 * segment and starts a fresh log file. Damage found on the way (a segment that fails its checks, a log record
 * that fails its checksum before the tail) is reported and the store opens read-only with what it could read: a
 * consistent state as of the last transaction before the damage.
 */
final class Recovery {

    private Recovery() {
    }

    static FileEngine recover(EngineContext context, StoreLock lock) throws IOException {
        Manifest manifest = context.manifest();
        if (!context.isReadOnly()) { // safe mode deletes nothing: an operator may need every file
            StoreOpener.deleteOrphans(context.directory, context);
        }
        List<SegmentReader> segments = new ArrayList<>();
        try {
            for (SegmentMeta meta : manifest.segments()) {
                segments.add(context.openSegment(meta));
            }
            MemTable replayed = context.newMemTable(0);
            long lastSeq = replay(context, manifest, replayed);
            context.recovered(lastSeq);
            WalWriter wal = null;
            MemTable active = replayed;
            if (!context.isReadOnly()) {
                SegmentMeta flushed = replayed.isEmpty() ? null : Flusher.writeSegment(context, replayed);
                long walNumber = context.nextFileNumber();
                context.updateManifest(m -> flushed == null
                        ? m.withLog(walNumber, context.peekNextFileNumber())
                        : m.withFlush(flushed, lastSeq, walNumber, context.peekNextFileNumber()));
                if (flushed != null) {
                    segments.add(0, context.openSegment(flushed));
                }
                Flusher.deleteLogsBefore(context, context.logStartToKeep());
                wal = WalWriter.create(context.directory, walNumber, context.channels, context.durability,
                        context::durable);
                active = context.newMemTable(walNumber);
            }
            context.attach(new Views(new ReadView(List.of(active), segments), context::visibleSeq));
            return new FileEngine(context, lock, wal, active, lastSeq);
        } catch (IOException | RuntimeException | Error e) {
            for (SegmentReader segment : segments) {
                segment.retain();
                segment.release(); // closes it
            }
            throw e;
        }
    }

    private static long replay(EngineContext context, Manifest manifest, MemTable into) throws IOException {
        long seq = manifest.flushedSeq();
        List<Path> logs = StoreOpener.logFiles(context.directory, manifest.walStart());
        for (int i = 0; i < logs.size(); i++) {
            Path log = logs.get(i);
            long number = WalFormat.numberOf(log.getFileName().toString());
            WalReader.Result result = WalReader.replay(log, number, seq, i == logs.size() - 1, context.channels,
                    context.walCodec, (recordSeq, writes) -> {
                        for (byte[][] write : writes) {
                            into.put(write[0], recordSeq, write[1], Long.MAX_VALUE);
                        }
                    });
            seq = result.lastSeq();
            if (result.damage() != null) {
                context.reportDamage(result.damage());
                break;
            }
            if (result.tornAt() >= 0) {
                context.log.log(Level.INFO, "store '" + context.storeName + "': cut the torn tail of " + log
                        + " at offset " + result.tornAt() + " (an unacknowledged write)");
            }
        }
        return seq;
    }
}
