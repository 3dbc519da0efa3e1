package dev.strata.backend.file.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.strata.api.StorageException;

/**
 * The background work of one store, each on a daemon thread of its own so that none waits for another: flushes
 * (so writers rarely wait for memory), compactions (which may run long) and the checkpoint timer. Requests
 * coalesce: many flush requests while one is queued make one flush.
 */
final class Maintenance implements AutoCloseable {

    private final EngineContext context;
    private final ExecutorService flushThread;
    private final ExecutorService compactionThread;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicBoolean compactionQueued = new AtomicBoolean();
    private Flusher flusher;
    private CompactionTask compaction;
    private CommitPipeline pipeline;

    Maintenance(EngineContext context) {
        this.context = context;
        this.flushThread = Executors.newSingleThreadExecutor(threads("flush"));
        this.compactionThread = Executors.newSingleThreadExecutor(threads("compaction"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("timer"));
    }

    private ThreadFactory threads(String role) {
        return runnable -> {
            Thread thread = new Thread(runnable, "strata-file-" + context.storeName + "-" + role);
            thread.setDaemon(true);
            return thread;
        };
    }

    void start(Flusher flusher, CompactionTask compaction, CommitPipeline pipeline) {
        this.flusher = flusher;
        this.compaction = compaction;
        this.pipeline = pipeline;
        long interval = context.settings.checkpointMillis();
        if (interval > 0) {
            timer.scheduleWithFixedDelay(this::timedCheckpoint, interval, interval, TimeUnit.MILLISECONDS);
        }
        // durability none buffers log records in the process: hand them to the OS at least once a second
        timer.scheduleWithFixedDelay(pipeline::flushBuffer, 1, 1, TimeUnit.SECONDS);
        requestFlush();
    }

    void requestFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            submit(flushThread, () -> {
                flushQueued.set(false);
                background("flush", flusher::flushSealed);
                requestCompaction();
            });
        }
    }

    void requestCompaction() {
        if (compactionQueued.compareAndSet(false, true)) {
            submit(compactionThread, () -> {
                compactionQueued.set(false);
                background("compaction", compaction::runDue);
            });
        }
    }

    private void timedCheckpoint() {
        background("checkpoint", () -> {
            pipeline.sealForCheckpoint();
            requestFlush();
        });
    }

    private void submit(ExecutorService executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: the work is not needed any more (the log holds everything)
        }
    }

    private void background(String what, Runnable work) {
        if (context.isClosed() || context.isReadOnly()) {
            return;
        }
        try {
            work.run();
        } catch (StorageException e) {
            context.stats.lastBackgroundError = what + ": " + e.getMessage();
            if (!context.isClosed()) {
                context.log.log(Level.WARNING, "store '" + context.storeName + "': background " + what + " failed: "
                        + e.getMessage());
            }
        } catch (RuntimeException e) {
            context.stats.lastBackgroundError = what + ": " + e;
            context.log.log(Level.ERROR, "store '" + context.storeName + "': background " + what + " failed", e);
        }
    }

    /** Stops the timer and waits for running work (a compaction is cancelled first). */
    @Override
    public void close() {
        if (compaction != null) {
            compaction.cancel();
        }
        timer.shutdownNow();
        flushThread.shutdown();
        compactionThread.shutdown();
        try {
            flushThread.awaitTermination(60, TimeUnit.SECONDS);
            compactionThread.awaitTermination(60, TimeUnit.SECONDS);
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
