package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.strata.api.CorruptionException;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.VerifyResult;
import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.read.MergingIterator;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.wal.WalFormat;

/** Metrics and verification of one store: figures gathered from its view, files and counters. */
final class EngineReports {

    private EngineReports() {
    }

    static EngineMetrics metrics(EngineContext context, long activeWalForces) {
        long keys = 0;
        long memory = context.cache.weightedSize();
        int memtables;
        ReadView view = context.views().retainCurrent();
        try {
            for (MemTable table : view.memtables()) {
                keys += table.keyCount();
                memory += table.bytes();
            }
            for (SegmentReader segment : view.segments()) {
                keys += segment.meta().entries();
            }
            memtables = view.memtables().size();
        } finally {
            view.release();
        }
        long diskBytes = 0;
        long walBytes = 0;
        long walStart = context.manifest().walStart();
        try (Stream<Path> files = Files.list(context.directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                long size;
                try {
                    size = Files.size(file);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // deleted while listing (an obsolete segment or log)
                }
                diskBytes += size;
                if (WalFormat.numberOf(file.getFileName().toString()) >= walStart) {
                    walBytes += size;
                }
            }
        } catch (IOException e) {
            diskBytes = -1;
            walBytes = -1;
        }
        EngineStats stats = context.stats;
        Map<String, Number> extra = new HashMap<>();
        extra.put("segments", context.manifest().segments().size());
        extra.put("segmentBytes", context.manifest().segmentBytes());
        extra.put("memtables", memtables);
        extra.put("writeAmplification", stats.writeAmplification());
        extra.put("commits", stats.commits.sum());
        extra.put("conflicts", stats.conflicts.sum());
        extra.put("flushes", stats.flushes.sum());
        extra.put("compactions", stats.compactions.sum());
        extra.put("walForces", stats.walForces.sum() + activeWalForces);
        extra.put("readOnly", context.isReadOnly() ? 1 : 0);
        extra.put("problems", context.problems().size());
        extra.put("snapshotsHeld", context.views().snapshotsHeld());
        String state = context.isReadOnly() ? "paused" : stats.compacting.get() ? "running" : "idle";
        // the entries of memory tables and segments count every version and deletion: an upper bound of the live
        // keys, not their number, so the exact figure is declared untracked and the bound is an extra
        extra.put("keysUpperBound", keys);
        return new EngineMetrics(-1, memory, diskBytes, walBytes, context.cache.hits(), context.cache.misses(),
                state, extra);
    }

    /** Every block of every segment checked (bypassing the cache), then every live key read from one snapshot. */
    static VerifyResult verify(EngineContext context) {
        List<String> problems = new ArrayList<>();
        context.problems().forEach(problem -> problems.add(problem.getMessage()));
        Views.Snapshot snapshot = context.views().acquire();
        long keys = 0;
        long bytes = 0;
        try {
            for (SegmentReader segment : snapshot.view().segments()) {
                try {
                    segment.verify();
                } catch (CorruptionException e) {
                    addOnce(problems, e.getMessage());
                }
            }
            try (MergingIterator all = new MergingIterator(
                    snapshot.view().iterators(null, null, false, snapshot.seq()), false)) {
                while (all.next()) {
                    if (!all.isTombstone()) {
                        keys++;
                        bytes += all.key().length + all.value().length;
                    }
                }
            } catch (CorruptionException e) {
                addOnce(problems, e.getMessage());
            }
        } finally {
            context.views().release(snapshot);
        }
        return new VerifyResult(keys, bytes, problems);
    }

    private static void addOnce(List<String> problems, String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
