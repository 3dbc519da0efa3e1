package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.StorageEvents;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A store's health as the Felix health checks report it, and its status changes as EventAdmin events, while its
 * backend bundle is stopped and started: the check tagged {@code strata} says the store is DOWN, then HEALTHY; an
 * EventHandler sees UNAVAILABLE, then ONLINE.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthAndEventsIT {

    private static final String BACKEND = "example";

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private HealthCheckExecutor executor;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return StrataRuntime.options(HealthAndEventsIT.class);
    }

    /** The strata health check's entry for the store, e.g. {@code store 'ledger': HEALTHY}. */
    private String healthOf(String store) {
        List<String> entries = new ArrayList<>();
        for (HealthCheckExecutionResult execution : executor.execute(HealthCheckSelector.tags("strata"))) {
            Result result = execution.getHealthCheckResult();
            for (ResultLog.Entry entry : result) {
                if (entry.getMessage().startsWith("store '" + store + "'")) {
                    entries.add(entry.getStatus() + " " + entry.getMessage());
                }
            }
        }
        return String.join(" | ", entries);
    }

    @Test
    public void aStoppedBackendIsDownInTheHealthChecksAndPostedUnavailableThenOnlineAgain() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> subscription = new Hashtable<>();
        subscription.put(EventConstants.EVENT_TOPIC, StorageEvents.STORE_TOPIC_PREFIX + "*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, event -> {
            if ("ledger".equals(event.getProperty(StorageEvents.STORE))) {
                seen.add(event);
            }
        }, subscription);
        Bundle backend = context.installBundle(StrataRuntime.exampleBackendJar().toUri().toString());
        Configuration store = null;
        try {
            backend.start();
            Await.until("backend '" + BACKEND + "' listed",
                    () -> storage.backends().stream().anyMatch(b -> b.type().equals(BACKEND)));
            store = Stores.define(configAdmin, "ledger", BACKEND, "os");
            Stores.awaitStatus(storage, "ledger", StoreStatus.ONLINE);
            Await.until("the health check reports 'ledger' HEALTHY (" + healthOf("ledger") + ")",
                    () -> healthOf("ledger").endsWith("store 'ledger': HEALTHY"));
            Await.until("an ONLINE event for 'ledger'", () -> topics(seen).contains(StorageEvents.STORE_ONLINE));
            seen.clear();

            backend.stop();
            Stores.awaitStatus(storage, "ledger", StoreStatus.UNAVAILABLE);
            Await.until("the health check reports 'ledger' DOWN (" + healthOf("ledger") + ")",
                    () -> healthOf("ledger").contains("store 'ledger': DOWN"));
            String down = healthOf("ledger");
            assertTrue(down, down.startsWith("CRITICAL") && down.contains("not installed"));

            backend.start();
            Stores.awaitStatus(storage, "ledger", StoreStatus.ONLINE);
            Await.until("the health check reports 'ledger' HEALTHY again (" + healthOf("ledger") + ")",
                    () -> healthOf("ledger").endsWith("store 'ledger': HEALTHY"));
            Await.until("UNAVAILABLE then ONLINE events (" + topics(seen) + ")",
                    () -> topics(seen).contains(StorageEvents.STORE_ONLINE));
            List<String> topics = topics(seen);
            int unavailable = topics.indexOf(StorageEvents.STORE_UNAVAILABLE);
            assertTrue("UNAVAILABLE posted: " + topics, unavailable >= 0);
            assertTrue("ONLINE after UNAVAILABLE: " + topics,
                    topics.subList(unavailable, topics.size()).contains(StorageEvents.STORE_ONLINE));
            Event first = seen.get(unavailable);
            assertEquals(BACKEND, first.getProperty(StorageEvents.BACKEND));
            assertEquals("UNAVAILABLE", first.getProperty(StorageEvents.STATUS));
            assertTrue(String.valueOf(first.getProperty(StorageEvents.REASON)),
                    String.valueOf(first.getProperty(StorageEvents.REASON)).contains(BACKEND));
        } finally {
            if (store != null) {
                store.delete();
            }
            backend.uninstall();
            handler.unregister();
        }
    }

    private static List<String> topics(List<Event> events) {
        return events.stream().map(Event::getTopic).toList();
    }
}
