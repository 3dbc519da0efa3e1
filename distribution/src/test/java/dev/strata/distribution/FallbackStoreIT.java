package dev.strata.distribution;

import static dev.strata.distribution.Stores.bytes;
import static dev.strata.distribution.Stores.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobService;
import dev.strata.api.management.JobState;

/**
 * The fallback policy on the real runtime: a store on the Xodus engine names a file-engine store as its
 * fallback; its backend bundle is stopped while a client writes without pause, and started again. Every write that
 * was acknowledged, before, during and after the outage, is in the store afterwards, the last one of a key winning;
 * the replay ran as a job of the job service.
 */
@RunWith(PaxExam.class)
public class FallbackStoreIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private JobService jobs;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(FallbackStoreIT.class);
    }

    @Test
    public void everyWriteAcknowledgedWhileTheBackendWasStoppedIsInTheStoreAfterTheReplay() throws Exception {
        Bundle backend = EngineBundles.xodus(context).installed();
        Stores.define(configAdmin, "journal", "file", "os");
        org.osgi.service.cm.Configuration orders = configAdmin.createFactoryConfiguration("dev.strata.store", "?");
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("name", "orders");
        settings.put("backend", "xodus");
        settings.put("durability", "os");
        settings.put("fallback.store", "journal");
        orders.update(settings);
        Stores.awaitStatus(storage, "journal", StoreStatus.ONLINE);
        Stores.awaitStatus(storage, "orders", StoreStatus.ONLINE);
        Store store = storage.store("orders");

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicLong lastLatest = new AtomicLong(-1);
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (long i = 0; !stop.get(); i++) {
                String key = String.format("order.%06d", i);
                try {
                    store.put(key, bytes("v" + i));
                    acknowledged.put(key, "v" + i);
                    store.put("latest", bytes(Long.toString(i)));
                    lastLatest.set(i);
                } catch (StorageException e) {
                    refused.incrementAndGet(); // not acknowledged: the client knows, and may try again
                    sleep(5);
                }
            }
        }, "fallback-it-writer");
        writer.start();
        try {
            Await.until("300 writes before the outage", () -> acknowledged.size() >= 300);
            backend.stop();
            Stores.awaitStatus(storage, "orders", StoreStatus.FALLBACK);
            int atOutage = acknowledged.size();
            Await.until("300 writes during the outage", () -> acknowledged.size() >= atOutage + 300);
            assertEquals("the store is still on its fallback", StoreStatus.FALLBACK, storage.store("orders").info()
                    .status());
            String journaledKey = String.format("order.%06d", atOutage + 100);
            assertTrue("a key written during the outage is read from the journal",
                    text(store.get(journaledKey)).startsWith("v"));

            backend.start();
            Stores.awaitStatus(storage, "orders", StoreStatus.ONLINE);
            int atReturn = acknowledged.size();
            Await.until("300 writes after the replay", () -> acknowledged.size() >= atReturn + 300);
        } finally {
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }

        Await.until("store ONLINE at the end", () -> store.info().status() == StoreStatus.ONLINE);
        int missing = 0;
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
            if (!write.getValue().equals(text(store.get(write.getKey())))) {
                missing++;
            }
        }
        assertEquals("acknowledged writes missing or wrong after the replay (of " + acknowledged.size() + ")", 0,
                missing);
        assertEquals("the last acknowledged write of a key wins", Long.toString(lastLatest.get()),
                text(store.get("latest")));
        JobInfo replay = Await.value("the replay job in the job history", () -> jobs.history(0).stream()
                .filter(job -> job.type().equals("fallback-replay") && job.stores().contains("orders")).findFirst());
        assertEquals(replay.toString(), JobState.SUCCEEDED, replay.state());
        assertTrue(replay.result(), replay.result().startsWith("replayed "));
        System.out.println("FallbackStoreIT: " + acknowledged.size() + " writes acknowledged, " + refused.get()
                + " refused (not acknowledged); job " + replay.id() + ": " + replay.result());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
