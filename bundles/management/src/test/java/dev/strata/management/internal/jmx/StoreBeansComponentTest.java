package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.management.ManagementFactory;

import javax.management.AttributeList;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.strata.api.StoreStatus;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreSummary;
import dev.strata.api.management.StrataRuntimeMXBean;
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
    void theRuntimeSummarisesEveryStoreInOneCallAsItsBeanSaysIt() throws Exception {
        TreeMapStorageService.TreeMapStore files = storage.define("files", "file", StoreStatus.ONLINE, "");
        storage.define("old", "xodus", StoreStatus.UNAVAILABLE, "disk gone");
        files.put("a", new byte[3]);
        files.put("b", new byte[3]);
        beans = new StoreBeansComponent(storage, null, null, null);
        ObjectName name = new ObjectName("dev.strata.test:type=Runtime");
        server.registerMBean(new RuntimeBean(storage, null, null, null), name);
        try {
            files.metricsReads = 0;
            StrataRuntimeMXBean runtime = JMX.newMXBeanProxy(server, name, StrataRuntimeMXBean.class);
            StoreSummary[] summaries = runtime.getStoreSummaries(); // through the MXBean's open-data mapping
            assertEquals(2, summaries.length);
            StoreSummary first = summaries[0];
            assertEquals("files", first.getName());
            assertEquals("file", first.getBackend());
            assertEquals("ONLINE", first.getStatus());
            assertEquals(2, first.getKeys());
            assertEquals(1, files.metricsReads, "one reading of the store's figures for its whole summary");
            assertEquals(server.getAttribute(ObjectNames.store("files"), "DiskBytes"), first.getDiskBytes());
            assertEquals("old", summaries[1].getName());
            assertEquals("UNAVAILABLE", summaries[1].getStatus());
            assertEquals("disk gone", summaries[1].getMessage());
            assertEquals(-1, summaries[1].getKeys(), "an unavailable store's figures are unknown, not zero");
        } finally {
            server.unregisterMBean(name);
        }
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
