package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.strata.api.BackendInfo;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.spi.StorageBackend;

/**
 * Matches store definitions with backends, outside any framework so that it can be tested directly. Every change
 * of state happens under this object's monitor, so a store is never opened twice or closed while it opens; reads of
 * the catalog (listing, lookup) need no lock.
 */
final class StoreCatalog {

    /** How long a departing backend waits for explicit transactions before their engine is closed under them. */
    static final long GRACE_MILLIS = 5_000;

    /** The first pause before opening a store again after its backend reported a transient failure. */
    static final long FIRST_RETRY_MILLIS = 250;
    static final long MAX_RETRY_MILLIS = 30_000;

    /** Where open stores are announced (OSGi service registrations in the runtime). */
    interface Publisher {
        void publish(ManagedStore store);

        void withdraw(ManagedStore store);
    }

    /** Where the catalog reports what it did. */
    interface Events {
        void info(String message);

        void error(String message, Throwable cause);
    }

    private record Binding(StorageBackend backend, BackendInfo info) {
    }

    private final Map<String, ManagedStore> stores = new ConcurrentHashMap<>();
    /** In arrival order; the first binding of a type serves it, later ones wait as stand-ins. */
    private final List<Binding> bindings = new ArrayList<>();
    private volatile List<BackendInfo> backendInfos = List.of();
    /** The pause before the next attempt, per store whose backend reported a transient failure. */
    private final Map<String, Long> retryDelays = new ConcurrentHashMap<>();
    private Path dataRoot;
    private Publisher publisher;
    private Events events;
    private ScheduledExecutorService retries;

    synchronized void start(Path root, Publisher storePublisher, Events log) {
        this.dataRoot = root;
        this.publisher = storePublisher;
        this.events = log;
        this.retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "strata-store-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    synchronized void stop() {
        retries.shutdownNow();
        for (ManagedStore store : stores.values()) {
            close(store, "the storage service stopped");
        }
        stores.clear();
        retryDelays.clear();
    }

    synchronized void addBackend(StorageBackend backend, BackendInfo info) {
        bindings.add(new Binding(backend, info));
        refreshInfos();
        for (ManagedStore store : stores.values()) {
            if (store.definition().backend().equals(info.type())) {
                open(store);
            }
        }
    }

    synchronized void removeBackend(StorageBackend backend) {
        Binding gone = bindings.stream().filter(b -> b.backend() == backend).findFirst().orElse(null);
        if (gone == null) {
            return;
        }
        boolean wasServing = current(gone.info().type()).orElse(null) == gone;
        bindings.remove(gone);
        refreshInfos();
        if (!wasServing) {
            return;
        }
        for (ManagedStore store : stores.values()) {
            if (store.definition().backend().equals(gone.info().type())) {
                close(store, "backend '" + gone.info().type() + "' is not installed");
                open(store);
            }
        }
    }

    synchronized void define(StoreDefinition definition) {
        ManagedStore existing = stores.get(definition.name());
        if (existing != null) {
            throw new InvalidArgumentException("store '" + definition.name() + "' is already defined");
        }
        ManagedStore store = new ManagedStore(definition, dataRoot.resolve(definition.name()));
        stores.put(definition.name(), store);
        events.info("Store '" + definition.name() + "' defined on backend '" + definition.backend() + "'");
        open(store);
    }

    synchronized void remove(String name) {
        ManagedStore store = stores.remove(name);
        if (store != null) {
            close(store, "store '" + name + "' was removed");
            events.info("Store '" + name + "' removed; its data stays in " + dataRoot.resolve(name));
        }
    }

    Optional<ManagedStore> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(stores.get(name));
    }

    List<ManagedStore> stores() {
        return List.copyOf(stores.values());
    }

    List<BackendInfo> backends() {
        return backendInfos;
    }

    private void open(ManagedStore store) {
        Optional<Binding> binding = current(store.definition().backend());
        if (binding.isEmpty() || dataRoot == null) {
            return;
        }
        try {
            store.attach(binding.get().backend(), binding.get().info());
            retryDelays.remove(store.name());
            publisher.publish(store);
            events.info("Store '" + store.name() + "' is " + store.info().status() + " on backend '"
                    + binding.get().info().type() + "' (" + binding.get().info().bundle() + ")");
        } catch (StoreUnavailableException e) {
            scheduleRetry(store, e);
        } catch (StorageException e) {
            events.error("Store '" + store.name() + "' could not be opened: " + e.getMessage(), e);
        }
    }

    /**
     * A backend that cannot open a store for a reason that passes (a service it needs has not started yet) says so
     * with {@link StoreUnavailableException}; the store is opened again after a growing pause, until it opens, its
     * backend leaves, or it is removed.
     */
    private void scheduleRetry(ManagedStore store, StoreUnavailableException cause) {
        long delay = retryDelays.merge(store.name(), FIRST_RETRY_MILLIS, (old, first) -> Math.min(old * 2, MAX_RETRY_MILLIS));
        events.info("Store '" + store.name() + "' is not available yet (" + cause.getMessage() + "); trying again in "
                + delay + " ms");
        if (!retries.isShutdown()) {
            retries.schedule(() -> retry(store), delay, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void retry(ManagedStore store) {
        if (stores.get(store.name()) == store && store.engine().isEmpty() && retryDelays.containsKey(store.name())) {
            open(store);
        }
    }

    private void close(ManagedStore store, String reason) {
        retryDelays.remove(store.name());
        publisher.withdraw(store);
        int abandoned = store.detach(reason, GRACE_MILLIS);
        if (abandoned > 0) {
            events.error("Store '" + store.name() + "' closed with " + abandoned
                    + " transaction(s) still open after the grace period; they were rolled back", null);
        }
    }

    private Optional<Binding> current(String type) {
        return bindings.stream().filter(b -> b.info().type().equals(type)).findFirst();
    }

    private void refreshInfos() {
        List<BackendInfo> infos = new ArrayList<>();
        for (Binding binding : bindings) {
            if (current(binding.info().type()).orElse(null) == binding) {
                infos.add(binding.info());
            }
        }
        backendInfos = List.copyOf(infos);
    }
}
