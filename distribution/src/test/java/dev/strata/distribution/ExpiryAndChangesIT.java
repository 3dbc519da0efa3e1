package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import dev.strata.api.Change;
import dev.strata.api.ChangeListener;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyMetadata;
import dev.strata.api.Scan;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.Transaction;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Expiry and change events on the assembled runtime, with core's real maintenance timer and the shipped stores: a key
 * put with a time to live (through the service, and at the Gogo shell with {@code --ttl}) is read until it expires,
 * then no read returns it, and the background purge removes it (its figures {@code ttl.purged} and
 * {@code ttl.pending} move); a {@link ChangeListener} registered on the whiteboard and an EventAdmin handler on
 * {@code dev/strata/change/<store>} hear committed changes in commit order and never a rolled-back one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExpiryAndChangesIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private CommandProcessor shell;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(ExpiryAndChangesIT.class);
    }

    @Test
    public void aKeyWithATimeToLiveVanishesFromEveryReadAndIsPurgedOnEveryShippedStore() {
        for (String name : new String[] {"default", "files", "xodus"}) {
            Stores.awaitStatus(storage, name, StoreStatus.ONLINE);
            Store store = storage.store(name);
            long purgedBefore = figure(store, "ttl.purged");
            store.put("it.ttl.session", bytes("token"), Duration.ofSeconds(2));
            store.put("it.ttl.keep", bytes("stays"));
            KeyMetadata meta = store.metadata("it.ttl.session").orElseThrow();
            assertTrue(name + ": " + meta, meta.expiry().isPresent());
            assertEquals(name, "token", text(store.get("it.ttl.session")));

            Await.until(name + ": it.ttl.session expired", () -> store.get("it.ttl.session").isEmpty());
            assertEquals(name, List.of("it.ttl.keep"), keys(store, "it.ttl."));
            assertTrue(name, store.metadata("it.ttl.session").isEmpty());
            assertFalse(name, store.getAll(List.of("it.ttl.session", "it.ttl.keep")).containsKey("it.ttl.session"));
            // core's maintenance tick (1 s) purges it through the expiry index
            Await.until(name + ": purged (ttl.purged " + figure(store, "ttl.purged") + ")",
                    () -> figure(store, "ttl.purged") > purgedBefore && figure(store, "ttl.pending") == 0);
            assertEquals(name, "stays", text(store.get("it.ttl.keep")));
        }
    }

    @Test
    public void theShellPutsWithATimeToLiveAndTheKeyVanishes() throws Exception {
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        assertEquals("ok", shell("strata:put files it.shell.token abc123 --ttl=2s"));
        assertEquals("abc123", shell("strata:get files it.shell.token"));
        String meta = shell("strata:meta files it.shell.token");
        assertTrue(meta, meta.contains("expires") && !meta.contains("expires  -"));
        Await.until("it.shell.token expired at the shell", () -> {
            try {
                return shell("strata:get files it.shell.token").equals("(not found)");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("(not found)", shell("strata:meta files it.shell.token"));
        assertTrue(storage.store("files").get("it.shell.token").isEmpty());
    }

    @Test
    public void theShellListsTheKeysCarryingATag() throws Exception {
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        Store store = storage.store("files");
        store.put("it.tag.a", bytes("1"), dev.strata.api.PutOptions.tags("it-web"));
        store.put("it.tag.b", bytes("2"), dev.strata.api.PutOptions.tags("it-web", "it-eu"));
        store.put("it.tag.c", bytes("3"), dev.strata.api.PutOptions.tags("it-eu"));
        assertEquals("it.tag.a\nit.tag.b\n2 keys", shell("strata:tagged files it-web"));
        assertEquals("it.tag.b\n1 key (limit reached)", shell("strata:tagged files it-eu 1"));
        store.delete("it.tag.a");
        assertEquals("it.tag.b\n1 key", shell("strata:tagged files it-web"));
        assertEquals("0 keys", shell("strata:tagged files it-none"));
    }

    @Test
    public void listenersAndEventAdminHearCommittedChangesInOrderAndNoRollback() {
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        List<Change> heard = new CopyOnWriteArrayList<>();
        List<Event> posted = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> listenerProperties = new Hashtable<>();
        listenerProperties.put(ChangeListener.STORE_PROPERTY, "files");
        listenerProperties.put(ChangeListener.PATTERN_PROPERTY, "it.change.*");
        ServiceRegistration<ChangeListener> listener = context.registerService(ChangeListener.class, heard::add,
                listenerProperties);
        Dictionary<String, Object> handlerProperties = new Hashtable<>();
        handlerProperties.put(EventConstants.EVENT_TOPIC, ChangeListener.TOPIC_PREFIX + "files");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, event -> {
            if (String.valueOf(event.getProperty("key")).startsWith("it.change.")) {
                posted.add(event);
            }
        }, handlerProperties);
        try {
            Store store = storage.store("files");
            store.put("it.other", bytes("outside the pattern"));
            long first;
            try (Transaction tx = store.begin()) {
                tx.put("it.change.a", bytes("1"));
                tx.put("it.change.b", bytes("2"));
                first = tx.commit();
            }
            try (Transaction tx = store.begin()) {
                tx.put("it.change.rolledback", bytes("never"));
                tx.rollback();
            }
            assertTrue(store.delete("it.change.a"));
            store.put("it.change.c", bytes("3"));

            Await.until("three commits heard (" + heard + ")", () -> heard.size() == 4);
            Await.until("four events posted (" + posted + ")", () -> posted.size() == 4);
            List<String> expected = List.of("PUT it.change.a", "PUT it.change.b", "DELETE it.change.a",
                    "PUT it.change.c");
            List<String> fromListener = new ArrayList<>();
            for (Change change : heard) {
                fromListener.add(change.kind() + " " + change.key());
                assertEquals("files", change.store());
            }
            assertEquals(expected, fromListener);
            assertEquals(first, heard.get(0).sequence());
            assertEquals(first, heard.get(1).sequence());
            assertTrue(heard.toString(), heard.get(2).sequence() > first
                    && heard.get(3).sequence() > heard.get(2).sequence());
            List<String> fromEvents = new ArrayList<>();
            for (int i = 0; i < posted.size(); i++) {
                Event event = posted.get(i);
                fromEvents.add(event.getProperty("kind") + " " + event.getProperty("key"));
                assertEquals(heard.get(i).sequence(), event.getProperty("sequence"));
                assertEquals("files", event.getProperty("store"));
            }
            assertEquals(expected, fromEvents);
            assertTrue(figure(store, "events.delivered") >= 4);
        } finally {
            listener.unregister();
            handler.unregister();
        }
    }

    /** Runs one Gogo command as a person at the prompt would and returns what it printed, trimmed. */
    private String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
             CommandSession session = shell.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.print(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
        }
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    private static long figure(Store store, String name) {
        Number value = store.metrics().extra().get(name);
        return value == null ? -1 : value.longValue();
    }

    private static List<String> keys(Store store, String prefix) {
        try (EntryCursor cursor = store.scan(Scan.prefix(prefix))) {
            return cursor.stream().map(dev.strata.api.Entry::key).toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<byte[]> value) {
        return value.map(v -> new String(v, StandardCharsets.UTF_8)).orElse(null);
    }
}
