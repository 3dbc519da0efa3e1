package dev.strata.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.strata.api.StoreInfo;
import dev.strata.api.management.StoreStatusListener;

/**
 * The {@link StoreStatusListener} whiteboard and the one daemon thread that calls it. Each store's
 * {@link StatusWatch} hands its changes here in the order they happened; a single thread delivers them in that
 * order, so a slow listener (EventAdmin) delays the listeners and never the store that changed.
 */
final class StatusHub {

    /** For stores outside the framework (tests, tools): nobody listens, no thread is started. */
    static final StatusHub NONE = new StatusHub((message, failure) -> { });

    private final List<StoreStatusListener> listeners = new CopyOnWriteArrayList<>();
    /** Threads start at the first change handed here (NONE never starts one). */
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(DaemonThreads.single("strata-status"));
    private final BiConsumer<String, Throwable> log;

    StatusHub(BiConsumer<String, Throwable> log) {
        this.log = log;
    }

    void add(StoreStatusListener listener) {
        listeners.add(listener);
    }

    void remove(StoreStatusListener listener) {
        listeners.remove(listener);
    }

    /** Queues one change for the listeners; the caller keeps one store's calls in order (see StatusWatch). */
    void post(StoreInfo info, boolean removed) {
        if (listeners.isEmpty() || dispatcher.isShutdown()) {
            return;
        }
        dispatcher.execute(() -> {
            for (StoreStatusListener listener : listeners) {
                try {
                    if (removed) {
                        listener.storeRemoved(info);
                    } else {
                        listener.statusChanged(info);
                    }
                } catch (RuntimeException e) {
                    log.accept("A store status listener failed on store '" + info.name() + "' (" + info.status()
                            + "): " + e, e);
                }
            }
        });
    }

    /** Delivers what is queued (for at most a second, so a stuck listener cannot hold the stop) and ends. */
    void stop() {
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
