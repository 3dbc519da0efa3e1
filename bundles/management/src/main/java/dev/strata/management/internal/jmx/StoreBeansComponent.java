package dev.strata.management.internal.jmx;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreControl;
import dev.strata.management.internal.health.StoreHealthMonitor;
import dev.strata.management.internal.metrics.MetricsHistory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps one {@code dev.strata:type=Store,name=...} bean per defined store: checks the store list every second and
 * registers beans for new stores and removes those of removed ones. Every defined store has a bean, unavailable ones
 * included (they say so in {@code Status}). A store removed and defined again between two checks (an in-place
 * engine migration's switch does that) is a new store object: its bean is replaced, or it would go on describing
 * the removed one.
 */
@Component(immediate = true, service = {})
public final class StoreBeansComponent {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final StorageService storage;
    /** The store object each registered bean describes, by store name. */
    private final Map<String, Store> registered = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "strata-jmx-stores");
        thread.setDaemon(true);
        return thread;
    });

    private final MetricsHistory history;

    private final StoreControl control;
    private final StoreHealthMonitor health;

    @Activate
    public StoreBeansComponent(@Reference StorageService storage, @Reference MetricsHistory history,
            @Reference StoreControl control, @Reference StoreHealthMonitor health) {
        this.storage = storage;
        this.history = history;
        this.control = control;
        this.health = health;
        sync();
        timer.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
    }

    synchronized void sync() {
        Set<String> defined = new HashSet<>();
        for (StoreInfo info : storage.stores()) {
            Store store = storage.findStore(info.name()).orElse(null);
            if (store == null) {
                continue; // removed since the list was taken; the next check unregisters it
            }
            defined.add(info.name());
            Store described = registered.get(info.name());
            if (described != store) {
                if (described != null) {
                    Beans.unregister(server, ObjectNames.store(info.name()));
                }
                Beans.register(server, ObjectNames.store(info.name()),
                        StoreBeanRegistration.of(new StoreBean(store, history, control, health)));
                registered.put(info.name(), store);
            }
        }
        for (String name : Set.copyOf(registered.keySet())) {
            if (!defined.contains(name)) {
                Beans.unregister(server, ObjectNames.store(name));
                registered.remove(name);
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        timer.shutdownNow();
        registered.keySet().forEach(name -> Beans.unregister(server, ObjectNames.store(name)));
        registered.clear();
    }
}
