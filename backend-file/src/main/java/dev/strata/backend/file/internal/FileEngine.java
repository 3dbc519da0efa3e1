package dev.strata.backend.file.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.CorruptionException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.WriteSet;
import dev.strata.backend.file.internal.io.IoFailures;
import dev.strata.backend.file.internal.io.StoreLock;
import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.wal.WalWriter;

/**
 * One open store of the log-structured engine. Transactions read snapshots (sequence number plus an immutable
 * view of memory tables and segments) and commit through the {@link CommitPipeline}; flushes, compactions and
 * checkpoints run in the background ({@link Maintenance}).
 */
public final class FileEngine implements StorageEngine {

    private final EngineContext context;
    private final StoreLock lock;
    private final Maintenance maintenance;
    private final CommitPipeline pipeline;
    private final Flusher flusher;
    private final CompactionTask compaction;
    private final Set<FileTransaction> open = ConcurrentHashMap.newKeySet();
    private volatile Runnable onClose = () -> { };

    FileEngine(EngineContext context, StoreLock lock, WalWriter wal, MemTable active, long lastSeq) {
        this.context = context;
        this.lock = lock;
        this.maintenance = new Maintenance(context);
        this.pipeline = new CommitPipeline(context, wal, active, lastSeq, maintenance::requestFlush);
        this.flusher = new Flusher(context, pipeline::flushed);
        this.compaction = new CompactionTask(context);
        if (!context.isReadOnly()) {
            maintenance.start(flusher, compaction, pipeline);
        }
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return begin(mode, IsolationLevel.SNAPSHOT);
    }

    /** Read committed and snapshot get a snapshot transaction; serializable also validates its reads at commit. */
    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        if (mode == null || isolation == null) {
            throw new InvalidArgumentException("transaction mode and isolation level must not be null");
        }
        if (mode == TransactionMode.READ_WRITE) {
            context.checkWritable();
        } else {
            context.checkOpen();
        }
        FileTransaction tx = new FileTransaction(this, context.state, mode, isolation, context.views().acquire());
        open.add(tx);
        if (context.isClosed()) {
            tx.abandon();
            context.checkOpen();
        }
        return tx;
    }

    long commit(long snapshotSeq, WriteSet writes, ReadSet reads) {
        return pipeline.commit(snapshotSeq, writes, reads);
    }

    void finished(FileTransaction tx, Views.Snapshot snapshot) {
        if (open.remove(tx)) {
            context.views().release(snapshot);
        }
    }

    @Override
    public EngineMetrics metrics() {
        context.checkOpen();
        return EngineReports.metrics(context, pipeline.walForces());
    }

    @Override
    public boolean isReadOnly() {
        return context.isReadOnly();
    }

    /** Damage found since the store opened (at open, or by reads), each naming its file and offset. */
    public List<CorruptionException> problems() {
        return context.problems();
    }

    /** Forces the log, writes the memory tables into segments and drops the log files they covered. */
    @Override
    public void checkpoint() {
        context.checkOpen();
        if (context.isReadOnly()) {
            return;
        }
        pipeline.sealForCheckpoint();
        flusher.flushSealed();
        releasePreviousGeneration();
        maintenance.requestCompaction();
    }

    /**
     * Rewrites the manifest unchanged (one generation on), so that the generation kept as the safe-mode fallback is
     * the current content and the files only the older one named (flushed logs, compacted segments) go now.
     */
    private void releasePreviousGeneration() {
        try {
            context.updateManifest(manifest -> manifest.nextGeneration());
        } catch (java.io.IOException e) {
            StorageException failure = IoFailures.failed("writing the manifest", context.directory, e);
            context.turnReadOnly(failure);
            throw failure;
        }
        Flusher.deleteLogsBefore(context, context.logStartToKeep());
    }

    /** Checkpoints, then merges every segment into one: afterwards the disk holds only live data. */
    @Override
    public void compact() {
        context.checkWritable();
        checkpoint();
        compaction.runFull();
        releasePreviousGeneration();
    }

    /** Runs the compactions the policy finds due now, in the caller's thread (what the background does). */
    void runDueCompactions() {
        compaction.runDue(true);
    }

    @Override
    public void snapshot(Path target) {
        context.checkOpen();
        SnapshotWriter.write(context, target);
    }

    @Override
    public VerifyResult verify() {
        context.checkOpen();
        return EngineReports.verify(context);
    }

    /**
     * Re-keys an encrypted store: a new key is created under the store's alias and used for everything written
     * from now on; blocks written before stay readable with their own key until compaction rewrites them.
     *
     * @return the new key's id
     */
    public int rekey() {
        context.checkWritable();
        if (context.keyRing == null) {
            throw new dev.strata.api.InvalidArgumentException("store '" + context.storeName + "' is not encrypted");
        }
        DataKey key = context.keyRing.rotate();
        try {
            context.updateManifest(m -> m.withKeys(context.keyRing.alias(), context.keyRing.checks()));
        } catch (java.io.IOException e) {
            StorageException failure = IoFailures.failed("writing the manifest", context.directory, e);
            context.turnReadOnly(failure);
            throw failure;
        }
        return key.id();
    }

    /** The key ids of each live segment's data blocks, newest segment first (for operators and tests). */
    public List<Set<Integer>> segmentKeyIds() {
        ReadView view = context.views().retainCurrent();
        try {
            return view.segments().stream().map(SegmentReader::keyIds).toList();
        } finally {
            view.release();
        }
    }

    /** Runs after close (the backend forgets the engine). */
    void whenClosed(Runnable action) {
        this.onClose = action;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (context.isClosed()) {
                return;
            }
            context.markClosed();
        }
        try {
            for (FileTransaction tx : open) {
                tx.abandon();
            }
            maintenance.close();
            pipeline.close();
            context.views().close();
            context.cache.clear();
        } finally {
            lock.close();
            onClose.run();
        }
    }
}
