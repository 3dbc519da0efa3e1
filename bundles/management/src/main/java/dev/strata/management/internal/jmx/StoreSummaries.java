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

    private static final String[] FIGURES = StoreSummary.ATTRIBUTES.toArray(String[]::new);

    private StoreSummaries() {
    }

    /** @param names the stores, in the order wanted; one without a bean (removed, or not yet registered) is skipped */
    static StoreSummary[] of(MBeanServer server, List<String> names) {
        List<StoreSummary> summaries = new ArrayList<>(names.size());
        for (String name : names) {
            Map<String, Object> figures = new HashMap<>();
            try {
                for (Attribute attribute : server.getAttributes(ObjectNames.store(name), FIGURES).asList()) {
                    figures.put(attribute.getName(), attribute.getValue());
                }
            } catch (InstanceNotFoundException gone) {
                continue;
            } catch (JMException e) {
                throw new StorageException("cannot read the figures of store '" + name + "': " + e.getMessage(), e);
            }
            summaries.add(StoreSummary.of(name, figures));
        }
        return summaries.toArray(StoreSummary[]::new);
    }
}
