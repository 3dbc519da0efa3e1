package dev.strata.jobs.internal.work;

import dev.strata.api.Transaction;

/** The commit sequence a snapshot reads at, for the manifest. */
final class Snapshots {

    private Snapshots() {
    }

    /** The newest commit the snapshot sees (every backend reports it since dev.strata.api 0.2.0). */
    static long sequence(Transaction snapshot) {
        return snapshot.snapshotSequence();
    }
}
