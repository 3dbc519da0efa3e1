package dev.strata.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Register a service of this type (the whiteboard pattern) to hear of committed changes. Service properties select
 * what it hears: {@value #STORE_PROPERTY} names one store (absent: every store) and {@value #PATTERN_PROPERTY} is a
 * glob over keys as {@link Scan#pattern} takes it (absent: every key).
 * <p>
 * Changes are delivered after the commit returned (durable as the store's durability level promises), in commit
 * order per store, never for a transaction that rolled back, on a thread of the store's own (a slow listener delays
 * only later deliveries, never a commit). The same changes are posted on OSGi EventAdmin, when it is installed, under
 * the topic {@value #TOPIC_PREFIX}{@code <store>} with the properties {@code store}, {@code key}, {@code kind} and
 * {@code sequence}. A store buffers at most a bounded number of undelivered changes: beyond it, new changes are
 * dropped and counted in the store's figure {@code events.dropped} (the store never blocks a writer for a listener).
 * Expired keys removed by the purge are not reported.
 */
@ConsumerType
public interface ChangeListener {

    String STORE_PROPERTY = "strata.store";
    String PATTERN_PROPERTY = "strata.pattern";
    String TOPIC_PREFIX = "dev/strata/change/";

    /** One change; an exception thrown here is logged and counted, and delivery carries on. */
    void changed(Change change);
}
