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
import javax.management.ReflectionException;

import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreSummary;

/**
 * The tiles' figures from a runtime older than {@code Runtime.getStoreSummaries} (management API 0.8.0): one
 * {@code getAttributes} round trip per store bean, not one per attribute, made into the same {@link StoreSummary}.
 */
final class StoreFiguresByBean {

    private static final String[] FIGURES = StoreSummary.ATTRIBUTES.toArray(String[]::new);

    private StoreFiguresByBean() {
    }

    static List<StoreSummary> read(MBeanServerConnection beans, String[] names) {
        List<StoreSummary> stores = new ArrayList<>();
        for (String name : names) {
            try {
                Map<String, Object> figures = new HashMap<>();
                for (Attribute attribute : beans.getAttributes(ObjectNames.store(name), FIGURES).asList()) {
                    figures.put(attribute.getName(), attribute.getValue());
                }
                stores.add(StoreSummary.of(name, figures));
            } catch (InstanceNotFoundException gone) {
                // removed between the two calls
            } catch (IOException | ReflectionException e) {
                throw new UndeclaredThrowableException(e);
            }
        }
        return stores;
    }
}
