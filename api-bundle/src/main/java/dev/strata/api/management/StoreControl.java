package dev.strata.api.management;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operator actions on a store's life that change nothing in its definition, offered by core as a service (the
 * {@code strata:reopen} shell command uses it).
 */
@ProviderType
public interface StoreControl {

    /**
     * Closes the store's engine (after the work inside it, as a backend departure would) and opens it again on its
     * backend, now and without waiting for the next retry: for a store whose open failed (a full disk since freed,
     * a file restored) or one in read-only mode after a failure that has been dealt with. Returns at once; the
     * store shows {@code OPENING} until the open ends.
     *
     * @throws dev.strata.api.NotFoundException when no store has that name
     */
    void reopen(String store);
}
