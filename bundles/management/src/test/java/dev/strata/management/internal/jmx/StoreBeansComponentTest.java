package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.management.ManagementFactory;

import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.strata.api.StoreStatus;
import dev.strata.api.management.ObjectNames;
import dev.strata.management.internal.shell.TreeMapStorageService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One bean per defined store, and always the bean of the store as it is defined now. */
class StoreBeansComponentTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final TreeMapStorageService storage = new TreeMapStorageService();
    private StoreBeansComponent beans;

    @AfterEach
    void stop() {
        if (beans != null) {
            beans.deactivate();
        }
    }

    @Test
    void aStoreRedefinedBetweenTwoChecksGetsABeanForItsNewDefinition() throws Exception {
        storage.define("moving", "file", StoreStatus.ONLINE, "");
        beans = new StoreBeansComponent(storage, null, null, null);
        assertEquals("file", server.getAttribute(ObjectNames.store("moving"), "Backend"));

        // an in-place engine migration's switch: removed and defined again, on another engine, within one check
        storage.define("moving", "xodus", StoreStatus.ONLINE, "");
        beans.sync();

        assertEquals("xodus", server.getAttribute(ObjectNames.store("moving"), "Backend"));
        assertEquals("ONLINE", server.getAttribute(ObjectNames.store("moving"), "Status"));
    }

    @Test
    void oneGetAttributesReadsTheStoresFiguresOnceAndSingleReadsStayLive() throws Exception {
        TreeMapStorageService.TreeMapStore store = storage.define("polled", "file", StoreStatus.ONLINE, "");
        store.put("a", new byte[3]);
        beans = new StoreBeansComponent(storage, null, null, null);
        ObjectName name = ObjectNames.store("polled");
        store.metricsReads = 0;

        // the console's tile: eight figures in one call
        AttributeList figures = server.getAttributes(name, new String[] {"Keys", "DiskBytes", "WalBytes",
                "CacheHits", "CacheMisses", "CacheHitRate", "Conflicts", "GetP99Micros"});
        assertEquals(8, figures.size(), "every figure asked for is answered");
        assertEquals(1L, figures.asList().get(0).getValue());
        assertEquals(1, store.metricsReads, "the store's figures read once for the whole call");

        store.put("b", new byte[3]);
        assertEquals(2L, server.getAttribute(name, "Keys"), "a single read after a write sees it");
        assertEquals(2L, server.getAttributes(name, new String[] {"Keys", "WalBytes"}).asList().get(0).getValue(),
                "the next call reads the figures anew");
        assertEquals(3, store.metricsReads);
    }

    @Test
    void aRemovedStoreLosesItsBean() {
        storage.define("gone", "memory", StoreStatus.ONLINE, "");
        beans = new StoreBeansComponent(storage, null, null, null);
        storage.remove("gone");
        beans.sync();
        assertFalse(server.isRegistered(ObjectNames.store("gone")));
    }
}
