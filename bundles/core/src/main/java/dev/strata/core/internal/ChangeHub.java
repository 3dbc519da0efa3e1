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
import dev.strata.api.Transaction;
import dev.strata.api.WriteHook;

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

    private record Hook(WriteHook hook, String store) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** The write hooks' whiteboard, here beside the listeners' since every store is handed this hub. */
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
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

    void addWriteHook(WriteHook hook, Map<String, ?> properties) {
        Object store = properties.get(WriteHook.STORE_PROPERTY);
        hooks.add(new Hook(hook, store == null ? null : store.toString()));
    }

    void removeWriteHook(WriteHook hook) {
        hooks.removeIf(h -> h.hook() == hook);
    }

    /** The hooks that take part in this write (an empty list, without allocating, when no hook is registered). */
    List<WriteHook> hooksWanting(String store, Transaction tx, String key) {
        if (hooks.isEmpty()) {
            return List.of();
        }
        List<WriteHook> wanting = null;
        for (Hook hook : hooks) {
            if ((hook.store() == null || hook.store().equals(store)) && hook.hook().wants(store, tx, key)) {
                if (wanting == null) {
                    wanting = new java.util.ArrayList<>(1);
                }
                wanting.add(hook.hook());
            }
        }
        return wanting == null ? List.of() : wanting;
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
