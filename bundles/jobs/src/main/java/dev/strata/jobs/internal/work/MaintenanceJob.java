package dev.strata.jobs.internal.work;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Store;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.jobs.internal.JobWork;

/**
 * Maintenance of a live store through the public API. VERIFY reads every entry of one snapshot (the engine checks
 * its checksums on the way; damage surfaces as a CorruptionException naming file and offset). Checkpoint and
 * compaction are engine hooks the Store API does not expose, so they are refused rather than faked.
 */
final class MaintenanceJob {

    private MaintenanceJob() {
    }

    static JobWork plan(MaintenanceRequest request, JobEnvironment env) {
        Store store = env.store(request.store());
        if (request.operation() != MaintenanceRequest.Operation.VERIFY) {
            throw new InvalidArgumentException(request.operation().name().toLowerCase() + " is an engine hook "
                    + "(StorageEngine." + request.operation().name().toLowerCase() + ") that the Store API does not "
                    + "expose yet; only verify runs as a job");
        }
        return control -> {
            control.message("reading every entry of '" + store.name() + "'");
            StoreContent.Summary s = StoreContent.summarize(store, control, env.chunkBytes());
            String line = "verified '" + store.name() + "' (" + store.info().backend() + "): " + s.keys() + " keys, "
                    + s.bytes() + " bytes read without error, " + s.digest();
            control.report(line);
            return line;
        };
    }
}
