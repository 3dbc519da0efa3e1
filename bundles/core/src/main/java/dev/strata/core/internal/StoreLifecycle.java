package dev.strata.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.spi.StorageBackend;

/**
 * One store's life in the catalog: every open, close and maintenance run of the store happens as one step of its
 * own queue, on the catalog's worker threads. Steps of one store never overlap (so a checkpoint never runs into a
 * close, and a close waits for an open); steps of different stores run side by side (so one slow recovery delays
 * nobody else). A store defined again under a removed store's name queues behind the removed store's last step,
 * so the two never hold the same directory at once.
 * <p>
 * The fields below the queue are touched only by the store's steps, one after another (each step happens-after
 * the previous one through the queue's futures), so they need no lock.
 */
final class StoreLifecycle {

    final ManagedStore store;
    final MaintenanceSettings maintenance;
    private final Executor workers;
    private CompletableFuture<Void> tail;
    /** Bumped by everything that makes a pending retry stale (an open, an operator's reopen, a new backend). */
    private final AtomicInteger retryGeneration = new AtomicInteger();

    private StorageBackend attachedTo;
    private long retryDelayMillis;
    private long waitingSinceNanos;
    private String lastFailure;
    volatile long lastCheckpointNanos;
    volatile boolean maintenanceQueued;
    volatile boolean availabilityQueued;
    /** Set by an operator's close: the store stays closed, whatever its backend does, until a reopen. */
    volatile boolean heldClosed;

    StoreLifecycle(ManagedStore store, MaintenanceSettings maintenance, Executor workers,
            CompletableFuture<Void> predecessor) {
        this.store = store;
        this.maintenance = maintenance;
        this.workers = workers;
        this.tail = predecessor.handle((ignored, failure) -> null);
    }

    String name() {
        return store.name();
    }

    /** Queues a step; it runs after every step queued before it, whatever they threw. */
    synchronized CompletableFuture<Void> submit(Runnable step) {
        CompletableFuture<Void> next = tail.thenRunAsync(step, workers);
        tail = next.handle((ignored, failure) -> null);
        return tail;
    }

    /** Queues a step whose outcome the caller wants: the future fails with what the step threw. */
    synchronized CompletableFuture<Void> submitForOutcome(Runnable step) {
        CompletableFuture<Void> next = tail.thenRunAsync(step, workers);
        tail = next.handle((ignored, failure) -> null);
        return next;
    }

    /** Completes after the last step queued so far. */
    synchronized CompletableFuture<Void> idle() {
        return tail;
    }

    int retryGeneration() {
        return retryGeneration.get();
    }

    void invalidateRetries() {
        retryGeneration.incrementAndGet();
    }

    StorageBackend attachedTo() {
        return attachedTo;
    }

    void attached(StorageBackend backend) {
        attachedTo = backend;
        retryDelayMillis = 0;
        waitingSinceNanos = 0;
        lastFailure = null;
        lastCheckpointNanos = System.nanoTime();
        invalidateRetries();
    }

    void detached() {
        attachedTo = null;
    }

    /** Forgets earlier failures: the next failure waits the first pause again (new backend, operator's reopen). */
    void resetRetries() {
        retryDelayMillis = 0;
        waitingSinceNanos = 0;
        lastFailure = null;
        invalidateRetries();
    }

    /** The pause before the next attempt: {@code first}, then doubling up to {@code max}. */
    long nextRetryDelay(long first, long max) {
        retryDelayMillis = retryDelayMillis == 0 ? first : Math.min(retryDelayMillis * 2, max);
        return retryDelayMillis;
    }

    /** How long the store has waited for its backend to become ready, since the first passing failure. */
    long waitedMillis() {
        if (waitingSinceNanos == 0) {
            waitingSinceNanos = System.nanoTime();
        }
        return (System.nanoTime() - waitingSinceNanos) / 1_000_000;
    }

    /** Records a failure; true when it differs from the previous one (worth an error in the log, not a repeat). */
    boolean newFailure(String message) {
        boolean fresh = !message.equals(lastFailure);
        lastFailure = message;
        return fresh;
    }

    /** Waits for steps of several stores' queues (their closes), at most {@code waitMillis}; reports what is late. */
    static void awaitAll(java.util.List<CompletableFuture<Void>> steps, long waitMillis, StoreCatalog.Events events,
            String why) {
        try {
            CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                    .get(waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            events.error("Stores still closing " + waitMillis + " ms after " + why + "; going on", null);
        } catch (java.util.concurrent.ExecutionException e) {
            events.error("A store failed to close after " + why + ": " + e.getCause(), e.getCause());
        }
    }
}
