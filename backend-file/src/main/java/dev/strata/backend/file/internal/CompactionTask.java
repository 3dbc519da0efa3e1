package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

import dev.strata.api.StorageException;
import dev.strata.backend.file.internal.compaction.CompactionPolicy;
import dev.strata.backend.file.internal.compaction.SegmentMerger;
import dev.strata.backend.file.internal.io.IoFailures;
import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.read.EntryIterator;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.segment.SegmentWriter;

/**
 * Runs compactions: in the background as the policy asks, or all segments at once for {@link FileEngine#compact}.
 * Writers are never blocked: the merge reads immutable segments, and only the manifest and view swaps at the end
 * take (short) locks. A failed compaction changes nothing (the inputs stay live) and does not make the store
 * read-only: no data is at risk.
 */
final class CompactionTask {

    private final EngineContext context;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean cancelled;

    CompactionTask(EngineContext context) {
        this.context = context;
    }

    /** Background: merges while the policy finds work; skips when a compaction is already running. */
    void runDue() {
        runDue(false);
    }

    /** @param wait whether to wait for a running compaction instead of leaving the work to it */
    void runDue(boolean wait) {
        if (wait) {
            running.lock();
        } else if (!running.tryLock()) {
            return;
        }
        try {
            while (!cancelled && !context.isReadOnly()) {
                List<SegmentMeta> plan = CompactionPolicy.pick(context.manifest().segments(),
                        context.settings.maxSegments());
                if (plan.isEmpty() || !merge(plan)) {
                    return;
                }
            }
        } finally {
            running.unlock();
        }
    }

    /** Merges every segment into one (waits for a running compaction first). */
    void runFull() {
        running.lock();
        try {
            List<SegmentMeta> all = context.manifest().segments();
            if (all.size() > 1 || (all.size() == 1 && all.get(0).entries() > 0)) {
                merge(all);
            }
        } finally {
            running.unlock();
        }
    }

    void cancel() {
        cancelled = true;
    }

    /** @return false when the segments changed under it (nothing done) */
    private boolean merge(List<SegmentMeta> plan) {
        context.checkWritable();
        ReadView view = context.views().retainCurrent();
        context.stats.compacting.set(true);
        try {
            List<SegmentReader> inputs = new ArrayList<>();
            for (SegmentReader segment : view.segments()) {
                if (plan.stream().anyMatch(meta -> meta.id() == segment.meta().id())) {
                    inputs.add(segment);
                }
            }
            if (inputs.size() != plan.size()) {
                return false;
            }
            List<SegmentReader> all = view.segments();
            boolean bottom = inputs.get(inputs.size() - 1) == all.get(all.size() - 1);
            long oldestSnapshot = context.views().oldestNeeded();
            List<EntryIterator> sources = new ArrayList<>();
            for (SegmentReader input : inputs) {
                sources.add(input.iterator(null, null, false, false));
            }
            long id = context.nextFileNumber();
            Path file = context.directory.resolve(SegmentMeta.fileName(id));
            SegmentMeta output = SegmentMerger.merge(sources, new SegmentWriter(file, id, context.channels,
                    context.blockCodec, context.settings.blockSize(), context.settings.bloomBitsPerKey()), bottom,
                    oldestSnapshot, () -> cancelled || context.isClosed());
            if (output != null) {
                context.channels.forceDirectory(context.directory);
                context.stats.compactionBytesWritten.add(output.bytes());
            }
            context.updateManifest(manifest -> manifest.withCompaction(plan, output, context.peekNextFileNumber()));
            SegmentReader reader = output == null ? null : context.openSegment(output);
            context.views().update(current -> current.withCompacted(inputs, reader));
            inputs.forEach(SegmentReader::markObsolete);
            context.stats.compactions.increment();
            return true;
        } catch (CancellationException e) {
            return false;
        } catch (IOException e) {
            StorageException failure = IoFailures.failed("compacting", context.directory, e);
            context.stats.lastBackgroundError = failure.getMessage();
            throw failure;
        } finally {
            context.stats.compacting.set(false);
            view.release();
        }
    }
}
