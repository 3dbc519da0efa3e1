package dev.strata.core.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;
import dev.strata.backend.memory.MemoryBackend;

/**
 * A memory backend whose life a test scripts: opens that block until released or fail as told, engines that
 * report a log size, ask for compaction, say they are read-only, and count what core calls on them.
 */
final class ScriptedBackend implements StorageBackend {

    private final MemoryBackend memory = new MemoryBackend();
    /** Opens wait on this until the test counts it down (starts released). */
    volatile CountDownLatch openGate = new CountDownLatch(0);
    /** Failures the next opens throw, first one first. */
    final Deque<RuntimeException> openFailures = new ArrayDeque<>();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger checkpoints = new AtomicInteger();
    final AtomicInteger compactions = new AtomicInteger();
    final AtomicLong walBytes = new AtomicLong(0);
    final AtomicBoolean wantsCompaction = new AtomicBoolean();
    volatile String readOnlyReason = "";
    /** What the engines answer to unavailableReason(); while not empty, their begins throw StoreUnavailableException. */
    volatile String unavailableReason = "";
    final AtomicInteger availabilityQuestions = new AtomicInteger();
    /** Begins core asked for with the snapshot at begin, and with it deferred to the first operation. */
    final AtomicInteger begins = new AtomicInteger();
    final AtomicInteger deferredBegins = new AtomicInteger();
    /** Checkpoints wait on this until the test counts it down (starts released). */
    volatile CountDownLatch checkpointGate = new CountDownLatch(0);
    /** Engine closes wait on this until the test counts it down (starts released). */
    volatile CountDownLatch closeGate = new CountDownLatch(0);
    /** Counted down when a checkpoint has started. */
    final CountDownLatch checkpointStarted = new CountDownLatch(1);
    /** Set when close ran while a checkpoint was inside the engine: what core must never let happen. */
    final AtomicBoolean closedDuringCheckpoint = new AtomicBoolean();
    private final AtomicInteger checkpointsInside = new AtomicInteger();

    @Override
    public BackendCapabilities capabilities() {
        return memory.capabilities();
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        opens.incrementAndGet();
        try {
            if (!openGate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failure;
        synchronized (openFailures) {
            failure = openFailures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        return new ScriptedEngine(memory.open(config));
    }

    void failNextOpens(RuntimeException... failures) {
        synchronized (openFailures) {
            openFailures.addAll(java.util.List.of(failures));
        }
    }

    private final class ScriptedEngine implements StorageEngine {
        private final StorageEngine engine;

        ScriptedEngine(StorageEngine engine) {
            this.engine = engine;
        }

        @Override
        public EngineTransaction begin(TransactionMode mode) {
            refuseWhileUnavailable();
            begins.incrementAndGet();
            return engine.begin(mode);
        }

        @Override
        public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
            refuseWhileUnavailable();
            begins.incrementAndGet();
            return engine.begin(mode, isolation);
        }

        @Override
        public EngineTransaction beginDeferred(TransactionMode mode, IsolationLevel isolation) {
            refuseWhileUnavailable();
            deferredBegins.incrementAndGet();
            return engine.beginDeferred(mode, isolation);
        }

        private void refuseWhileUnavailable() {
            String reason = unavailableReason;
            if (!reason.isEmpty()) {
                throw new dev.strata.api.StoreUnavailableException("scripted: " + reason);
            }
        }

        @Override
        public String unavailableReason() {
            availabilityQuestions.incrementAndGet();
            return unavailableReason;
        }

        @Override
        public EngineMetrics metrics() {
            EngineMetrics real = engine.metrics();
            return new EngineMetrics(real.keys(), real.memoryBytes(), real.diskBytes(), walBytes.get(),
                    real.cacheHits(), real.cacheMisses(), real.compactionState(), real.extra());
        }

        @Override
        public boolean isReadOnly() {
            return !readOnlyReason.isEmpty();
        }

        @Override
        public String readOnlyReason() {
            return readOnlyReason;
        }

        @Override
        public boolean wantsCompaction() {
            return wantsCompaction.get();
        }

        @Override
        public void checkpoint() {
            checkpointsInside.incrementAndGet();
            checkpointStarted.countDown();
            try {
                checkpointGate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                checkpointsInside.decrementAndGet();
            }
            walBytes.set(0);
            checkpoints.incrementAndGet();
        }

        @Override
        public void compact() {
            wantsCompaction.set(false);
            compactions.incrementAndGet();
        }

        @Override
        public void close() {
            if (checkpointsInside.get() > 0) {
                closedDuringCheckpoint.set(true);
            }
            try {
                closeGate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closes.incrementAndGet();
            engine.close();
        }
    }
}
