package dev.strata.console.client;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;

import dev.strata.api.management.ObjectNames;

/**
 * The tiles' figures from a runtime older than {@code Runtime.getStoreSummaries} (management API 0.8.0): one
 * {@code getAttributes} round trip per store bean, not one per attribute.
 */
final class StoreFiguresByBean {

    private static final String[] FIGURES = {"Backend", "Status", "Message", "Keys", "DiskBytes", "WalBytes",
        "CacheHits", "CacheMisses", "CacheHitRate", "OperationsPerSecond", "GetP99Micros"};

    private StoreFiguresByBean() {
    }

    static List<StoreFigures> read(MBeanServerConnection beans, String[] names) {
        List<StoreFigures> stores = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> a = attributes(beans, ObjectNames.store(name));
            if (a.isEmpty()) {
                continue; // removed between the two calls
            }
            stores.add(new StoreFigures(name, text(a.get("Backend")), text(a.get("Status")),
                    text(a.get("Message")), whole(a.get("Keys")), whole(a.get("DiskBytes")),
                    whole(a.get("WalBytes")), whole(a.get("CacheHits")), whole(a.get("CacheMisses")),
                    real(a.get("CacheHitRate")), real(a.get("OperationsPerSecond")),
                    real(a.get("GetP99Micros"))));
        }
        return stores;
    }

    /** The bean's figures; empty when the bean is gone. */
    private static Map<String, Object> attributes(MBeanServerConnection beans, ObjectName bean) {
        try {
            Map<String, Object> values = new HashMap<>();
            for (Attribute attribute : beans.getAttributes(bean, FIGURES).asList()) {
                values.put(attribute.getName(), attribute.getValue());
            }
            return values;
        } catch (InstanceNotFoundException gone) {
            return Map.of();
        } catch (IOException | ReflectionException e) {
            throw new UndeclaredThrowableException(e);
        }
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
