package dev.strata.backend.xodus.internal;

import java.lang.reflect.Field;

import dev.strata.api.StorageException;

import jetbrains.exodus.core.execution.Job;
import jetbrains.exodus.core.execution.JobProcessor;
import jetbrains.exodus.core.execution.SharedTimer;
import jetbrains.exodus.core.execution.ThreadJobProcessor;
import jetbrains.exodus.core.execution.ThreadJobProcessorPool;

/**
 * Stops and restarts the background threads Xodus shares between all its environments (shared timer, background
 * cleaner, stuck-transaction monitor, deferred I/O, and the pool's spawner). Xodus starts them once per class
 * loader and never stops them: after this bundle stopped they would keep its class loader alive and fail with
 * {@code NoClassDefFoundError} once it is uninstalled. The backend stops them when it deactivates, after closing
 * every environment, and restarts them if the same class loader is used again (a bundle stopped and started).
 * <p>
 * Xodus has no public API for this; the spawner and the timer's job are reached by reflection into the embedded
 * copy, pinned to the Xodus version this bundle embeds.
 */
final class XodusSharedThreads {

    private static boolean stopped;

    private XodusSharedThreads() {
    }

    /** Ends every shared Xodus thread. Call only when no environment of this class loader is open. */
    static synchronized void stop() {
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            // pool processors first: finishing one asks the spawner for its next (unstarted) thread, so it must run
            ThreadJobProcessor spawner = spawner();
            spawner.start();
            for (JobProcessor processor : ThreadJobProcessorPool.getProcessors()) {
                processor.finish();
            }
            spawner.finish();
            stopped = true;
        }
    }

    /** Restarts the threads {@link #stop()} ended, so environments opened afterwards work as before. */
    static synchronized void restartIfStopped() {
        if (!stopped) {
            return;
        }
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            spawner().start();
            for (JobProcessor processor : ThreadJobProcessorPool.getProcessors()) {
                if (processor instanceof ThreadJobProcessor threadProcessor && processor.isFinished()) {
                    threadProcessor.start();
                }
            }
            // the timer's ticking job was dropped with its queue; it re-queues itself once queued again
            JobProcessor timer = (JobProcessor) staticField(SharedTimer.class, "processor");
            timer.queue(newTicker());
            stopped = false;
        }
    }

    private static ThreadJobProcessor spawner() {
        return (ThreadJobProcessor) staticField(ThreadJobProcessorPool.class, "SPAWNER");
    }

    private static Object staticField(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new StorageException("embedded Xodus has no " + owner.getSimpleName() + "." + name
                    + ": its shared threads cannot be managed", e);
        }
    }

    private static Job newTicker() {
        try {
            for (Class<?> nested : SharedTimer.class.getDeclaredClasses()) {
                if (nested.getSimpleName().equals("Ticker")) {
                    var constructor = nested.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    return (Job) constructor.newInstance();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new StorageException("embedded Xodus's shared timer cannot restart", e);
        }
        throw new StorageException("embedded Xodus has no SharedTimer.Ticker: its shared timer cannot restart");
    }
}
