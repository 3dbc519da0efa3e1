package dev.strata.core.internal;

import java.util.Map;

import dev.strata.api.Change;
import dev.strata.api.ChangeListener;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts every store's committed changes on EventAdmin, for bundles that prefer it to a {@link ChangeListener}: topic
 * {@code dev/strata/change/<store>} (a '.' in the store's name becomes '_', which topics allow), properties
 * {@code store}, {@code key}, {@code kind} ({@code PUT} or {@code DELETE}) and {@code sequence}. A change listener
 * itself, on every store and key, so it gets the listeners' ordering; asynchronous ({@code postEvent}). Without
 * EventAdmin installed this component is simply not active.
 */
@Component(service = ChangeListener.class)
public final class ChangeEventPoster implements ChangeListener {

    private final EventAdmin events;

    @Activate
    public ChangeEventPoster(@Reference EventAdmin events) {
        this.events = events;
    }

    static String topic(String store) {
        return TOPIC_PREFIX + store.replace('.', '_');
    }

    @Override
    public void changed(Change change) {
        events.postEvent(new Event(topic(change.store()), Map.of("store", change.store(), "key", change.key(),
                "kind", change.kind().name(), "sequence", change.sequence())));
    }
}
