package dev.strata.management.internal.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.StorageEvents;

/**
 * The one place that turns successive views of the store list into status transitions, each as the EventAdmin
 * topic and properties of {@link StorageEvents}: a store whose status differs from the previous view (or that
 * appears) gives its status's topic, a store that is gone gives {@link StorageEvents#STORE_CLOSED}. Not thread-safe:
 * one timer thread feeds it.
 */
final class StatusTransitions {

    /** One event to post. */
    record Transition(String topic, Map<String, Object> properties) {
    }

    private final Map<String, StoreInfo> last = new HashMap<>();

    /** Remembers the view without reporting anything (the component's start). */
    void seed(List<StoreInfo> stores) {
        last.clear();
        stores.forEach(info -> last.put(info.name(), info));
    }

    /** What changed since the previous view, in the order of the view; removed stores last. */
    List<Transition> next(List<StoreInfo> stores) {
        List<Transition> transitions = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (StoreInfo info : stores) {
            present.add(info.name());
            StoreInfo before = last.put(info.name(), info);
            if (before == null || before.status() != info.status()) {
                transitions.add(new Transition(topic(info.status()), properties(info, info.status(), info.message())));
            }
        }
        for (StoreInfo gone : List.copyOf(last.values())) {
            if (!present.contains(gone.name())) {
                last.remove(gone.name());
                transitions.add(new Transition(StorageEvents.STORE_CLOSED,
                        properties(gone, gone.status(), "store '" + gone.name() + "' was removed")));
            }
        }
        return transitions;
    }

    static String topic(StoreStatus status) {
        return switch (status) {
            case ONLINE -> StorageEvents.STORE_ONLINE;
            case READ_ONLY -> StorageEvents.STORE_READ_ONLY;
            case OPENING -> StorageEvents.STORE_OPENING;
            case UNAVAILABLE -> StorageEvents.STORE_UNAVAILABLE;
            case FALLBACK -> StorageEvents.STORE_FALLBACK;
        };
    }

    private static Map<String, Object> properties(StoreInfo info, StoreStatus status, String reason) {
        return Map.of(StorageEvents.STORE, info.name(), StorageEvents.BACKEND, info.backend(),
                StorageEvents.STATUS, status.name(), StorageEvents.REASON, reason == null ? "" : reason);
    }
}
