package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.strata.api.BackendInfo;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

/**
 * Matches store definitions with backends, outside any framework so that it can be tested directly. The
 * catalog's monitor guards only its bookkeeping (which stores, which backends) and is never held while an engine
 * opens or closes: every event (a definition, a backend arriving or leaving, a retry, an operator's reopen) queues
 * one step, {@link #reconcile}, on the affected stores' own lifecycle queues ({@link StoreLifecycle}), which
 * brings the store to what the bookkeeping says now. So a store recovering a large log shows
 * {@code OPENING} and delays no other store's definition, removal or backend.
 * <p>
 * Calls return at once, except those after which a backend's code may go away: {@link #removeBackend} and
 * {@link #stop} wait for the engines they close.
 */
final class StoreCatalog {

    /** How long a departing backend waits for explicit transactions before their engine is closed under them. */
    static final long GRACE_MILLIS = 5_000;

    /** Pauses between attempts while a backend says it is not ready yet (a service it needs is still starting). */
    static final long FIRST_RETRY_MILLIS = 100;
    static final long MAX_RETRY_MILLIS = 30_000;
    /** Pauses between attempts after an open failed outright (damage, full disk, bad setting). */
    static final long FIRST_FAILED_RETRY_MILLIS = 2_000;
    static final long MAX_FAILED_RETRY_MILLIS = 300_000;
    /** How long a store waiting for its backend to become ready shows OPENING before it shows UNAVAILABLE. */
    static final long PATIENCE_MILLIS = 10_000;
    /** How often open stores are checked for due checkpoints and compactions. */
    static final long MAINTENANCE_TICK_MILLIS = 1_000;
    /** How long a departing backend's unbind (or the service's stop) waits for its engines to close. */
    static final long CLOSE_WAIT_MILLIS = 120_000;

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

    private record Binding(StorageBackend backend, BackendInfo info) { }

    private final Map<String, StoreLifecycle> stores = new ConcurrentHashMap<>();
    /** Removed stores still closing, by name: a store defined again under the name queues behind it. */
    private final Map<String, CompletableFuture<Void>> removing = new ConcurrentHashMap<>();
    /** In arrival order; the first binding of a type serves it, later ones wait as stand-ins. */
    private final List<Binding> bindings = new ArrayList<>();
    private volatile List<BackendInfo> backendInfos = List.of();
    private volatile boolean running;
    /** While the framework starts, a store whose backend has not registered yet waits for it as OPENING. */
    private volatile boolean frameworkStarting;
    private Path dataRoot;
    private Publisher publisher;
    private Events events;
    private StoreMaintenance maintenance;
    private volatile ChangeHub changeHub = ChangeHub.NONE; // where stores report commits (the listeners' whiteboard)
    private volatile StatusHub statusHub = StatusHub.NONE;
    private EngineAvailability availability;
    private ExecutorService workers;
    private ScheduledExecutorService timer;

    synchronized void start(Path root, Publisher storePublisher, Events log) {
        start(root, storePublisher, log, false);
    }

    /**
     * @param duringFrameworkStart true when the framework is still starting its bundles: a backend a store needs
     *                             may be about to register, so the store waits for it (OPENING) until
     *                             {@link #frameworkStarted()} instead of reporting it not installed
     */
    synchronized void start(Path root, Publisher storePublisher, Events log, boolean duringFrameworkStart) {
        this.frameworkStarting = duringFrameworkStart;
        this.dataRoot = root;
        this.publisher = storePublisher;
        this.events = log;
        this.maintenance = new StoreMaintenance(log);
        this.workers = Executors.newCachedThreadPool(DaemonThreads.numbered("strata-store"));
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.single("strata-store-timer"));
        timer.scheduleWithFixedDelay(() -> maintenance.queueDue(stores.values()), MAINTENANCE_TICK_MILLIS,
                MAINTENANCE_TICK_MILLIS, TimeUnit.MILLISECONDS);
        this.availability = new EngineAvailability(log);
        availability.start(timer, stores.values());
        running = true;
    }

    /** Where stores report commits (the change listeners) and status changes (the status listeners). */
    void hubs(ChangeHub changes, StatusHub statuses) {
        this.changeHub = changes;
        this.statusHub = statuses;
    }

    /** The framework has started every bundle: a backend that has not registered by now is not installed. */
    synchronized void frameworkStarted() {
        frameworkStarting = false;
        for (StoreLifecycle life : stores.values()) {
            if (current(life.store.definition().backend()).isEmpty()) {
                life.submit(() -> reconcile(life));
            }
        }
    }

    /** Closes every store (after the work inside it) and waits for the closes. */
    void stop() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            timer.shutdownNow();
            for (StoreLifecycle life : stores.values()) {
                closing.add(life.submit(() -> reconcile(life)));
            }
            closing.addAll(removing.values());
        }
        StoreLifecycle.awaitAll(closing, CLOSE_WAIT_MILLIS, events, "the storage service stopped");
        workers.shutdown();
        stores.clear();
    }

    synchronized void addBackend(StorageBackend backend, BackendInfo info) {
        bindings.add(new Binding(backend, info));
        refreshInfos();
        if (current(info.type()).map(Binding::backend).orElse(null) != backend) {
            return; // a stand-in: it serves once the backend before it leaves
        }
        for (StoreLifecycle life : storesOn(info.type())) {
            life.invalidateRetries();
            queueOpen(life, info);
        }
    }

    /** Returns after the stores the backend served have closed: its code may go away afterwards. */
    void removeBackend(StorageBackend backend) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        String type;
        synchronized (this) {
            Binding gone = bindings.stream().filter(b -> b.backend() == backend).findFirst().orElse(null);
            if (gone == null) {
                return;
            }
            type = gone.info().type();
            boolean wasServing = current(type).orElse(null) == gone;
            bindings.remove(gone);
            refreshInfos();
            if (!wasServing) {
                return;
            }
            for (StoreLifecycle life : storesOn(type)) {
                closing.add(life.submit(() -> reconcile(life)));
            }
            // a removed store still closing on this backend must be closed before the backend goes
            closing.addAll(removing.values());
        }
        StoreLifecycle.awaitAll(closing, CLOSE_WAIT_MILLIS, events, "backend '" + type + "' left");
    }

    synchronized void define(StoreDefinition definition) {
        if (stores.containsKey(definition.name())) {
            throw new InvalidArgumentException("store '" + definition.name() + "' is already defined");
        }
        if (!running) {
            throw new StoreUnavailableException("the storage service is stopping; store '" + definition.name()
                    + "' was not defined");
        }
        MaintenanceSettings settings = MaintenanceSettings.from(definition);
        ManagedStore store = new ManagedStore(definition, definition.directoryIn(dataRoot),
                java.time.Clock.systemUTC(), changeHub);
        store.statusWatch().hub(statusHub);
        FallbackSetup.wire(store, this::find, java.time.Clock.systemUTC()); // fallback.store: journal and replay
        CompletableFuture<Void> predecessor = removing.getOrDefault(definition.name(),
                CompletableFuture.completedFuture(null));
        StoreLifecycle life = new StoreLifecycle(store, settings, workers, predecessor);
        stores.put(definition.name(), life);
        availability.watch(life);
        events.info("Store '" + definition.name() + "' defined on backend '" + definition.backend() + "'");
        Optional<Binding> binding = current(definition.backend());
        if (binding.isPresent()) {
            queueOpen(life, binding.get().info());
        } else if (frameworkStarting) {
            store.opening().begin("waiting for backend '" + definition.backend() + "', which has not started yet");
        }
        store.statusWatch().check(); // the defined store's first status (unless opening told it already)
    }

    /** Forgets the store at once; its engine closes in the background (after the work inside it). */
    synchronized void remove(String name) {
        StoreLifecycle life = stores.remove(name);
        if (life == null) {
            return;
        }
        life.store.statusWatch().removed(); // before its close: no status of it is told after
        publisher.withdraw(life.store);
        life.invalidateRetries();
        CompletableFuture<Void> closed = life.submit(() -> reconcile(life));
        removing.put(name, closed);
        closed.whenComplete((ignored, failure) -> removing.remove(name, closed));
        events.info("Store '" + name + "' removed; its data stays in " + life.store.definition().directoryIn(dataRoot));
    }

    /** Closes the store's engine if it is open and opens it again now, forgetting earlier failures. */
    synchronized void reopen(String name) {
        StoreLifecycle life = lifecycle(name);
        life.invalidateRetries();
        life.heldClosed = false;
        Optional<Binding> binding = current(life.store.definition().backend());
        binding.ifPresent(b -> life.store.opening().begin("reopening on backend '" + b.info().type() + "'"));
        life.submit(() -> {
            life.resetRetries();
            if (life.attachedTo() != null) {
                closeEngine(life, "reopened by an operator");
            }
            reconcile(life);
        });
        events.info("Store '" + name + "' reopened by an operator");
    }

    /** Closes the store's engine (after the work inside it) and keeps it closed until {@link #reopen}. */
    synchronized void close(String name) {
        StoreLifecycle life = lifecycle(name);
        life.heldClosed = true;
        life.invalidateRetries();
        life.submit(() -> reconcile(life));
        events.info("Store '" + name + "' closed by an operator");
    }

    /** Runs an operator's {@code checkpoint} or {@code compact} on the store's engine now, in its queue; waits. */
    void runNow(String name, String what, java.util.function.Consumer<StorageEngine> action) {
        maintenance.runNow(lifecycle(name), what, action);
    }

    /** The store's lifecycle, for operator actions that run as a step of its queue. */
    synchronized StoreLifecycle lifecycle(String name) {
        StoreLifecycle life = stores.get(name);
        if (life == null) {
            throw new NotFoundException("No store named '" + name + "'");
        }
        return life;
    }

    Optional<ManagedStore> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(stores.get(name)).map(life -> life.store);
    }

    List<ManagedStore> stores() {
        return stores.values().stream().map(life -> life.store).toList();
    }

    List<BackendInfo> backends() {
        return backendInfos;
    }

    /** Completes when every step queued so far for the named store has run (tests). */
    CompletableFuture<Void> idle(String name) {
        StoreLifecycle life = stores.get(name);
        return life == null ? removing.getOrDefault(name, CompletableFuture.completedFuture(null)) : life.idle();
    }

    private void queueOpen(StoreLifecycle life, BackendInfo backend) {
        life.store.opening().begin("backend '" + backend.type() + "' is opening it");
        life.submit(() -> reconcile(life));
    }

    /**
     * One step of a store's queue: closes its engine when the store was removed, the service stops or another
     * backend serves the type now, and opens it when a backend serves its type and it is not open.
     */
    private void reconcile(StoreLifecycle life) {
        Binding wanted;
        String reason;
        synchronized (this) {
            boolean defined = running && stores.get(life.name()) == life;
            String type = life.store.definition().backend();
            wanted = defined && !life.heldClosed ? current(type).orElse(null) : null;
            reason = !running ? "the storage service stopped"
                    : !defined ? "store '" + life.name() + "' was removed"
                    : life.heldClosed ? "closed by an operator (strata:reopen " + life.name() + " opens it)"
                    : wanted == null ? "backend '" + type + "' is not installed"
                    : "backend '" + type + "' is being replaced";
        }
        if (life.attachedTo() != null && (wanted == null || wanted.backend() != life.attachedTo())) {
            closeEngine(life, reason);
        }
        if (wanted != null && life.attachedTo() == null) {
            openEngine(life, wanted);
        } else if (life.attachedTo() == null) {
            life.store.opening().end();
        }
    }

    private void openEngine(StoreLifecycle life, Binding binding) {
        ManagedStore store = life.store;
        String type = binding.info().type();
        if (!store.opening().active()) {
            store.opening().begin("backend '" + type + "' is opening it");
        }
        try {
            store.attach(binding.backend(), binding.info());
            life.attached(binding.backend());
            store.opening().end();
            publisher.publish(store);
            events.info("Store '" + store.name() + "' is " + store.info().status() + " on backend '" + type + "' ("
                    + binding.info().bundle() + ")");
        } catch (StoreUnavailableException e) {
            // a passing reason (a service the backend needs is still starting): the store stays OPENING a while
            long delay = life.nextRetryDelay(FIRST_RETRY_MILLIS, MAX_RETRY_MILLIS);
            if (life.waitedMillis() < PATIENCE_MILLIS) {
                store.opening().begin("waiting for backend '" + type + "': " + e.getMessage());
            } else {
                store.opening().end();
            }
            events.info("Store '" + store.name() + "' waits for backend '" + type + "' to be ready ("
                    + e.getMessage() + "); trying again in " + delay + " ms");
            scheduleRetry(life, delay);
        } catch (RuntimeException e) {
            store.opening().end();
            long delay = life.nextRetryDelay(FIRST_FAILED_RETRY_MILLIS, MAX_FAILED_RETRY_MILLIS);
            String message = "Store '" + store.name() + "' could not be opened: " + e.getMessage()
                    + "; trying again in " + delay + " ms (or strata:reopen " + store.name() + ")";
            if (life.newFailure(String.valueOf(e.getMessage()))) {
                events.error(message, e);
            } else {
                events.info(message);
            }
            scheduleRetry(life, delay);
        }
    }

    private void closeEngine(StoreLifecycle life, String reason) {
        publisher.withdraw(life.store);
        int abandoned = life.store.detach(reason, GRACE_MILLIS);
        life.detached();
        if (abandoned > 0) {
            events.error("Store '" + life.name() + "' closed with " + abandoned
                    + " transaction(s) still open after the grace period; they were rolled back", null);
        }
    }

    private void scheduleRetry(StoreLifecycle life, long delayMillis) {
        int generation = life.retryGeneration();
        synchronized (this) {
            if (!running) {
                return;
            }
            timer.schedule(() -> {
                if (life.retryGeneration() == generation) {
                    life.submit(() -> {
                        if (life.retryGeneration() == generation) {
                            reconcile(life);
                        }
                    });
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private List<StoreLifecycle> storesOn(String type) {
        return stores.values().stream().filter(life -> life.store.definition().backend().equals(type)).toList();
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
