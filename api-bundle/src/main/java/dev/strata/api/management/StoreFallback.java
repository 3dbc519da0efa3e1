package dev.strata.api.management;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A store's fallback journal, offered by core: how many writes its fallback store holds for it, and the replay that
 * applies them to the store (which the job service runs as {@link FallbackReplayRequest}).
 */
@ProviderType
public interface StoreFallback {

    /**
     * @return the commits journaled in the store's fallback and not replayed yet; 0 when it has none or no fallback
     * @throws dev.strata.api.NotFoundException         when no store has that name
     * @throws dev.strata.api.StoreUnavailableException when its fallback store cannot be read now
     */
    long journalSize(String store);

    /**
     * Applies the store's journal to it in journal order, each commit in one transaction of the store that also
     * records how far the replay got, then freezes the store's writes for the last few commits and switches it
     * back to its own engine. Returns when the store is served by its engine again (or at once when there is
     * nothing to replay).
     *
     * @return one line saying what was done
     * @throws dev.strata.api.NotFoundException         when no store has that name
     * @throws dev.strata.api.InvalidArgumentException  when the store has no fallback, or a replay of it runs already
     * @throws dev.strata.api.StoreUnavailableException when the store's engine or its fallback is not available; the
     *                                                  replay can be run again and goes on where it stopped
     */
    String replay(String store, Progress progress);

    /** What a replay reports as it goes (a job's progress). */
    @ConsumerType
    interface Progress {
        /** The commits to replay, as counted when the replay started (more may arrive while it runs). */
        void total(long commits);

        /** Commits replayed so far. */
        void applied(long commits);

        void message(String text);

        /** Throws to stop the replay between two commits (a cancelled job); it can be run again later. */
        void checkCancelled();
    }
}
