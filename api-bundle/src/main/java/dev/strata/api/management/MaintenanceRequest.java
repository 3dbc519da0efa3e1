package dev.strata.api.management;

import java.util.List;

/**
 * Maintain a live store while it serves: {@code VERIFY} reads every key and value on one snapshot (so the engine
 * checks every checksum it keeps on the way) and reports count, bytes and digest; {@code CHECKPOINT} and
 * {@code COMPACT} run the engine's hooks through {@link StoreControl}.
 *
 * @param store     the store
 * @param operation what to do
 */
public record MaintenanceRequest(String store, Operation operation) implements JobRequest {

    /** The maintenance operations. */
    public enum Operation {
        VERIFY, CHECKPOINT, COMPACT
    }

    public MaintenanceRequest {
        store = Requests.name("store", store);
        if (operation == null) {
            throw new dev.strata.api.InvalidArgumentException("maintenance operation must not be null");
        }
    }

    @Override
    public String type() {
        return "maintenance";
    }

    @Override
    public List<String> stores() {
        return List.of(store);
    }
}
