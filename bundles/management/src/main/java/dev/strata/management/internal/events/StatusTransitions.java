package dev.strata.management.internal.events;

import java.util.Map;

import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.StorageEvents;

/**
 * The one place that turns a status change told by core ({@link dev.strata.api.management.StoreStatusListener}) into
 * the EventAdmin topic and properties of {@link StorageEvents}: a changed or newly defined store gives its status's
 * topic, a removed one {@link StorageEvents#STORE_CLOSED}.
 */
final class StatusTransitions {

    /** One event to post. */
    record Transition(String topic, Map<String, Object> properties) {
    }

    private StatusTransitions() {
    }

    /** The event of a store that is now in {@code info}'s status. */
    static Transition changed(StoreInfo info) {
        return new Transition(topic(info.status()), properties(info, info.message()));
    }

    /** The event of a store that was removed; {@code lastSeen} is its view just before. */
    static Transition removed(StoreInfo lastSeen) {
        String reason = lastSeen.message() == null || lastSeen.message().isEmpty()
                ? "store '" + lastSeen.name() + "' was removed" : lastSeen.message();
        return new Transition(StorageEvents.STORE_CLOSED, properties(lastSeen, reason));
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

    private static Map<String, Object> properties(StoreInfo info, String reason) {
        return Map.of(StorageEvents.STORE, info.name(), StorageEvents.BACKEND, info.backend(),
                StorageEvents.STATUS, info.status().name(), StorageEvents.REASON, reason == null ? "" : reason);
    }
}
