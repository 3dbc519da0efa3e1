package dev.strata.backend.postgres.internal;

import java.util.List;

/**
 * What a store's recent {@code putAllIfAbsent} batches found: a moving share of keys already present. The two ways
 * to answer a batch cost the same round trips and differ on the server: inserting the absent keys first (and reading
 * only the others' rows) is cheapest for new keys, while for keys that are present it is an insert's conflict check
 * per key on top of the read and of the upsert of their new records that follows at commit; reading first and
 * upserting every key at commit is cheapest for overwrites. A batch is answered the way the recent ones favour;
 * either way is correct, so a wrong guess (a store whose batches change kind) costs time, never a result.
 * <p>
 * Updated by every transaction of the store without a lock: a lost update only delays the switch by a batch.
 */
final class BatchShape {

    /** How much one batch moves the share: about the last four batches count. */
    private static final float WEIGHT = 0.25f;

    private volatile float presentShare;

    /** Whether the next batch should read the keys' rows first. */
    boolean mostlyPresent() {
        return presentShare > 0.5f;
    }

    /** @param current one slot per key of a batch, non-null for a key that was present */
    void observe(List<byte[]> current) {
        if (current.isEmpty()) {
            return;
        }
        int present = 0;
        for (byte[] value : current) {
            if (value != null) {
                present++;
            }
        }
        presentShare += WEIGHT * ((float) present / current.size() - presentShare);
    }
}
