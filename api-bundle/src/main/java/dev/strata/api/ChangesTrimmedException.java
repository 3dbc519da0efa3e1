package dev.strata.api;

/**
 * A change feed was asked for changes its retention has already dropped: some commits after the cursor given are
 * gone, so the consumer would miss them. It can resume knowingly from {@link #trimmedThrough()} (and resynchronise
 * what it missed by other means).
 */
public class ChangesTrimmedException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final long trimmedThrough;

    public ChangesTrimmedException(String message, long trimmedThrough) {
        super(message);
        this.trimmedThrough = trimmedThrough;
    }

    /** The highest feed position dropped: the feed still holds every commit after it. */
    public long trimmedThrough() {
        return trimmedThrough;
    }
}
