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

    /**
     * Takes the store offline: its engine is closed after the work inside it (as a backend departure would), and
     * the store shows {@code UNAVAILABLE} ("closed by an operator") until {@link #reopen}. Returns at once.
     *
     * @throws dev.strata.api.NotFoundException when no store has that name
     */
    void close(String store);

    /**
     * Checkpoints the store's engine now (makes what it has committed durable in its main files, so its log can be
     * trimmed), while the store keeps serving; returns when the checkpoint is done. Runs in the store's own queue,
     * so it never overlaps an open, a close or scheduled maintenance.
     *
     * @throws dev.strata.api.NotFoundException         when no store has that name
     * @throws dev.strata.api.StoreUnavailableException when the store is not open
     * @throws dev.strata.api.ReadOnlyException         when the store refuses writes (read-only by definition or
     *                                                  after a failure)
     */
    void checkpoint(String store);

    /**
     * Compacts the store's engine now (reclaims the space of overwritten and deleted entries), while the store keeps
     * serving; returns when the compaction is done. An engine with nothing to compact returns at once.
     *
     * @throws dev.strata.api.NotFoundException         when no store has that name
     * @throws dev.strata.api.StoreUnavailableException when the store is not open
     * @throws dev.strata.api.ReadOnlyException         when the store refuses writes
     */
    void compact(String store);
}
