package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.management.JMX;
import javax.management.MBeanServer;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.BackendMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.SettingInfo;
import dev.strata.management.internal.shell.TreeMapStorageService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** A backend bean through the platform MBean server: bundle, capabilities, stores and the form from metatype. */
class BackendBeanTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void unregister() {
        Beans.unregister(server, ObjectNames.backend("file"));
    }

    @Test
    void showsTheBundleTheCapabilitiesTheStoresAndCoreAndBackendSettings() {
        int[] state = {Bundle.ACTIVE};
        Bundle bundle = Fakes.of(Bundle.class, Map.of("getSymbolicName", "dev.strata.backend.file",
                "getBundleId", 12L, "getVersion", new Version(0, 1, 0), "getState", (Function<Object[], Object>) a -> state[0]));
        TreeMapStorageService storage = new TreeMapStorageService();
        storage.define("files", "file", StoreStatus.ONLINE, "");
        storage.define("archive", "file", StoreStatus.ONLINE, "");
        storage.define("default", "memory", StoreStatus.ONLINE, "");
        BackendCapabilities capabilities = new BackendCapabilities(EnumSet.of(IsolationLevel.SERIALIZABLE,
                IsolationLevel.SNAPSHOT), EnumSet.of(Durability.FSYNC, Durability.NONE, Durability.OS), true, true,
                true, false, true).withUntracked(BackendCapabilities.MEMORY_BYTES);
        Beans.register(server, ObjectNames.backend("file"),
                new BackendBean("file", bundle, capabilities, storage, forms(bundle)));
        BackendMXBean bean = JMX.newMXBeanProxy(server, ObjectNames.backend("file"), BackendMXBean.class);

        assertEquals("file", bean.getType());
        assertEquals("dev.strata.backend.file", bean.getBundleSymbolicName());
        assertEquals(12L, bean.getBundleId());
        assertEquals("0.1.0", bean.getBundleVersion());
        assertEquals("ACTIVE", bean.getBundleState());
        state[0] = Bundle.STOPPING;
        assertEquals("STOPPING", bean.getBundleState(), "the state is read at each call");
        assertArrayEquals(new String[] {"none", "os", "fsync"}, bean.getDurabilityLevels());
        assertArrayEquals(new String[] {"snapshot", "serializable"}, bean.getIsolationLevels());
        assertTrue(bean.isPersistent() && bean.isEncryption() && bean.isCompression() && bean.isNativeSnapshot());
        assertEquals(false, bean.isNativeTtl());
        assertArrayEquals(new String[] {"memoryBytes"}, bean.getUntrackedFigures());
        assertArrayEquals(new String[] {"archive", "files"}, bean.getStores());

        SettingInfo[] settings = bean.getSettings();
        assertEquals(List.of("durability:store", "segment.size:file"),
                Arrays.stream(settings).map(s -> s.id() + ":" + s.source()).toList());
        assertEquals(List.of("none", "os", "fsync"), settings[0].optionValues());
        assertEquals("LONG", settings[1].type());
        assertEquals("67108864", settings[1].defaultValue());
    }

    /** Core's bundle publishes the store factory PID with durability; the backend's its own PID with one setting. */
    private static StoreForms forms(Bundle backendBundle) {
        Bundle core = Fakes.of(Bundle.class, Map.of("getSymbolicName", "dev.strata.core"));
        MetaTypeInformation coreInfo = info(new String[] {RuntimeBean.STORE_PID}, new String[0],
                attribute("durability", AttributeDefinition.STRING, "os", new String[] {"none", "os", "fsync"}));
        MetaTypeInformation fileInfo = info(new String[0], new String[] {StoreForms.BACKEND_PID_PREFIX + "file"},
                attribute("segment.size", AttributeDefinition.LONG, "67108864", null));
        BundleContext context = Fakes.of(BundleContext.class, Map.of("getBundles", new Bundle[] {core, backendBundle}));
        MetaTypeService metatype = Fakes.of(MetaTypeService.class, Map.of("getMetaTypeInformation",
                (Function<Object[], Object>) a -> a[0] == core ? coreInfo : fileInfo));
        return new StoreForms(context, metatype);
    }

    private static MetaTypeInformation info(String[] factoryPids, String[] pids, AttributeDefinition attribute) {
        ObjectClassDefinition ocd = Fakes.of(ObjectClassDefinition.class,
                Map.of("getAttributeDefinitions", new AttributeDefinition[] {attribute}));
        return Fakes.of(MetaTypeInformation.class, Map.of("getFactoryPids", factoryPids, "getPids", pids,
                "getObjectClassDefinition", ocd));
    }

    private static AttributeDefinition attribute(String id, int type, String defaultValue, String[] options) {
        Map<String, Object> answers = new java.util.HashMap<>(Map.of("getID", id, "getName", id,
                "getDescription", "", "getType", type, "getDefaultValue", new String[] {defaultValue}));
        answers.put("getOptionValues", options);
        answers.put("getOptionLabels", options);
        return Fakes.of(AttributeDefinition.class, answers);
    }
}
