package dev.strata.api.management;

import java.util.List;

/**
 * Maintain a live store. Only what the public {@link dev.strata.api.Store} API can reach is offered: {@code VERIFY}
 * reads every key and value on one snapshot (so the engine checks every checksum it keeps on the way) and reports
 * count, bytes and digest. Checkpoint and compaction are engine hooks ({@code StorageEngine.checkpoint/compact})
 * that the store API does not expose yet; requesting them is refused with a clear message.
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
