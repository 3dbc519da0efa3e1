package dev.strata.core.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import dev.strata.api.Change;
import dev.strata.api.ChangeListener;
import dev.strata.api.KeyPattern;

/**
 * The change listeners of the runtime (the whiteboard: {@link ChangeListener} services with their store and
 * pattern properties) and the daemon threads that deliver to them. Each store has a {@link ChangeDispatcher} that
 * orders its commits and hands batches to {@link #deliver} here, one store's batches one after another.
 */
final class ChangeHub {

    /** For stores outside the framework (tests, tools): nobody listens. */
    static final ChangeHub NONE = new ChangeHub((message, failure) -> { });

    private record Subscription(ChangeListener listener, String store, KeyPattern pattern) {

        boolean wants(Change change) {
            return (store == null || store.equals(change.store())) && pattern.matches(change.key());
        }
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.numbered("strata-changes"));
    private final BiConsumer<String, Throwable> log;
    private final AtomicLong listenerErrors = new AtomicLong();

    ChangeHub(BiConsumer<String, Throwable> log) {
        this.log = log;
    }

    void add(ChangeListener listener, Map<String, ?> properties) {
        Object store = properties.get(ChangeListener.STORE_PROPERTY);
        Object pattern = properties.get(ChangeListener.PATTERN_PROPERTY);
        subscriptions.add(new Subscription(listener, store == null ? null : store.toString(),
                KeyPattern.compile(pattern == null ? "*" : pattern.toString())));
    }

    void remove(ChangeListener listener) {
        subscriptions.removeIf(s -> s.listener() == listener);
    }

    /** Whether anyone may want the store's changes: when not, commits skip the dispatcher entirely. */
    boolean listening(String store) {
        for (Subscription subscription : subscriptions) {
            if (subscription.store() == null || subscription.store().equals(store)) {
                return true;
            }
        }
        return false;
    }

    void execute(Runnable drain) {
        threads.execute(drain);
    }

    void deliver(Change change) {
        for (Subscription subscription : subscriptions) {
            if (subscription.wants(change)) {
                try {
                    subscription.listener().changed(change);
                } catch (RuntimeException e) {
                    listenerErrors.incrementAndGet();
                    log.accept("change listener " + subscription.listener() + " failed on " + change, e);
                }
            }
        }
    }

    long listenerErrors() {
        return listenerErrors.get();
    }

    void stop() {
        threads.shutdown();
    }
}
