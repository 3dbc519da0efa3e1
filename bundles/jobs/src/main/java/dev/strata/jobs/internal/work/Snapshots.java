package dev.strata.jobs.internal.work;

import dev.strata.api.Transaction;

/** The commit sequence a snapshot reads at, for the manifest. */
final class Snapshots {

    private Snapshots() {
    }

    /** -1 while the store API does not report it (see the README's "not done"). */
    static long sequence(Transaction snapshot) {
        return -1;
    }
}
