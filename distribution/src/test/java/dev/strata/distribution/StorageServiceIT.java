package dev.strata.distribution;

import static dev.strata.distribution.Stores.bytes;
import static dev.strata.distribution.Stores.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.Transaction;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The storage service through the public API, on the memory backend, with stores defined the way operators define
 * them: ConfigAdmin factory configurations. The runtime is shared by the methods of this class; each uses its own
 * store.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageServiceIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private dev.strata.api.management.StoreControl control;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(StorageServiceIT.class);
    }

    @Test
    public void theShippedDefaultStoreIsOnlineInMemory() {
        StoreInfo info = Stores.awaitStatus(storage, "default", StoreStatus.ONLINE);
        assertEquals("memory", info.backend());

        Store store = storage.store("default");
        store.put("hello", bytes("world"));
        assertEquals("world", text(store.get("hello")));
    }

    @Test
    public void theShippedFileAndXodusStoresAreOnlineAndKeepTheirData() {
        for (String[] shipped : new String[][] {{"files", "file"}, {"xodus", "xodus"}}) {
            StoreInfo info = Stores.awaitStatus(storage, shipped[0], StoreStatus.ONLINE);
            assertEquals(shipped[1], info.backend());
            Store store = storage.store(shipped[0]);
            store.inTransaction(tx -> {
                tx.put("greeting", bytes("hello from " + shipped[1]));
                tx.put("greeting.count", bytes("1"));
            });
            assertEquals("hello from " + shipped[1], text(store.get("greeting")));
            assertEquals(2, store.scan(dev.strata.api.Scan.prefix("greeting")).stream().count());
        }
    }

    /** What {@code strata:reopen} does: the engine closes and recovers the store from its files. */
    @Test
    public void anOperatorsReopenRecoversTheFileStoreWithItsData() {
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        Store store = storage.store("files");
        store.put("before.reopen", bytes("kept"));
        control.reopen("files");
        // the caller does not wait for the reopen: the next operation waits while the store is OPENING
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        assertEquals("kept", text(store.get("before.reopen")));
        store.put("after.reopen", bytes("written"));
        assertEquals("written", text(store.get("after.reopen")));
    }

    @Test
    public void aStoreDefinedThroughConfigAdminComesOnlineAndIsRegisteredAsAService() throws Exception {
        Stores.define(configAdmin, "orders", "memory", "none");

        StoreInfo info = Stores.awaitStatus(storage, "orders", StoreStatus.ONLINE);
        assertEquals("memory", info.backend());

        Store store = storage.store("orders");
        store.put("order-1", bytes("3 apples"));
        assertEquals("3 apples", text(store.get("order-1")));
        assertTrue(store.delete("order-1"));
        assertEquals("<absent>", text(store.get("order-1")));

        ServiceReference<Store> reference = Stores.awaitStoreService(context, "orders");
        assertEquals("memory", reference.getProperty("strata.backend"));
        Store service = context.getService(reference);
        try {
            service.put("order-2", bytes("2 pears"));
            // the service and the storage service are two views of one store
            assertEquals("2 pears", text(store.get("order-2")));
        } finally {
            context.ungetService(reference);
        }
    }

    @Test
    public void scansReturnKeysInOrderWithinPrefixAndRangeBoundsAndLimits() throws Exception {
        Stores.define(configAdmin, "scans", "memory", "none");
        Stores.awaitStatus(storage, "scans", StoreStatus.ONLINE);
        Store store = storage.store("scans");
        store.putAll(Map.of(
                "user.3", bytes("carol"), "user.1", bytes("alice"), "user.2", bytes("bob"),
                "group.1", bytes("admins"), "zzz", bytes("last")));

        assertEquals(List.of("user.1", "user.2", "user.3"), keys(store, Scan.prefix("user.")));
        assertEquals(List.of("user.3", "user.2", "user.1"), keys(store, Scan.prefix("user.").reverse()));
        assertEquals(List.of("group.1", "user.1"), keys(store, Scan.all().limit(2)));
        assertEquals(List.of("user.1", "user.2"), keys(store, Scan.range("user.1", "user.3")));
        assertEquals(List.of("group.1", "user.1", "user.2", "user.3", "zzz"), keys(store, Scan.all()));

        try (EntryCursor cursor = store.scan(Scan.prefix("group."))) {
            assertEquals(List.of(new Entry("group.1", bytes("admins"))), cursor.stream().toList());
        }
    }

    @Test
    public void transactionsCommitAtomicallyAndRollBackCompletely() throws Exception {
        Stores.define(configAdmin, "accounts", "memory", "none");
        Stores.awaitStatus(storage, "accounts", StoreStatus.ONLINE);
        Store store = storage.store("accounts");
        store.putAll(Map.of("alice", bytes("100"), "bob", bytes("0")));

        store.inTransaction(tx -> {
            int alice = Integer.parseInt(text(tx.get("alice")));
            tx.put("alice", bytes(Integer.toString(alice - 30)));
            tx.put("bob", bytes("30"));
            // a transaction reads its own writes
            assertEquals("70", text(tx.get("alice")));
        });
        assertEquals("70", text(store.get("alice")));
        assertEquals("30", text(store.get("bob")));

        try (Transaction tx = store.begin()) {
            tx.put("alice", bytes("0"));
            tx.put("mallory", bytes("70"));
            // not committed: visible inside, invisible outside
            assertEquals("0", text(tx.get("alice")));
            assertEquals("70", text(store.get("alice")));
            tx.rollback();
        }
        assertEquals("70", text(store.get("alice")));
        assertFalse(store.contains("mallory"));

        RuntimeException failure = new IllegalStateException("the work fails half way");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> store.inTransaction(tx -> {
            tx.put("alice", bytes("0"));
            throw failure;
        }));
        assertEquals(failure, thrown);
        assertEquals("a failed transaction changes nothing", "70", text(store.get("alice")));
    }

    @Test
    public void aStoreWhoseConfigurationIsDeletedIsNoLongerListed() throws Exception {
        org.osgi.service.cm.Configuration definition = Stores.define(configAdmin, "scratch", "memory", "none");
        Stores.awaitStatus(storage, "scratch", StoreStatus.ONLINE);

        definition.delete();

        Await.until("store 'scratch' no longer listed", () -> storage.findStore("scratch").isEmpty());
    }

    private static List<String> keys(Store store, Scan scan) {
        try (EntryCursor cursor = store.scan(scan)) {
            return cursor.stream().map(Entry::key).toList();
        }
    }
}
