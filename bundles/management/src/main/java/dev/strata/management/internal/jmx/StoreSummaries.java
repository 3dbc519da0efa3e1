package dev.strata.management.internal.jmx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;

import dev.strata.api.StorageException;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreSummary;

/**
 * Every store's headline figures for {@code Runtime.getStoreSummaries}, read from the store beans themselves in this
 * process (one {@code getAttributes} each, which reads the store's figures once: {@link StoreBeanRegistration}), so
 * a summary says exactly what the store bean says and a remote client makes one call instead of one per store.
 */
final class StoreSummaries {

    private static final String[] FIGURES = {"Backend", "Status", "Message", "Keys", "DiskBytes", "WalBytes",
        "CacheHits", "CacheMisses", "CacheHitRate", "OperationsPerSecond", "GetP99Micros"};

    private StoreSummaries() {
    }

    /** @param names the stores, in the order wanted; one without a bean (removed, or not yet registered) is skipped */
    static StoreSummary[] of(MBeanServer server, List<String> names) {
        List<StoreSummary> summaries = new ArrayList<>(names.size());
        for (String name : names) {
            Map<String, Object> a = new HashMap<>();
            try {
                for (Attribute attribute : server.getAttributes(ObjectNames.store(name), FIGURES).asList()) {
                    a.put(attribute.getName(), attribute.getValue());
                }
            } catch (InstanceNotFoundException gone) {
                continue;
            } catch (JMException e) {
                throw new StorageException("cannot read the figures of store '" + name + "': " + e.getMessage(), e);
            }
            summaries.add(new StoreSummary(name, text(a.get("Backend")), text(a.get("Status")), text(a.get("Message")),
                    whole(a.get("Keys")), whole(a.get("DiskBytes")), whole(a.get("WalBytes")),
                    whole(a.get("CacheHits")), whole(a.get("CacheMisses")), real(a.get("CacheHitRate")),
                    real(a.get("OperationsPerSecond")), real(a.get("GetP99Micros"))));
        }
        return summaries.toArray(StoreSummary[]::new);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static long whole(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static double real(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
