package dev.strata.jobs.internal.work;

import dev.strata.api.Store;
import dev.strata.api.StoreMetrics;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.management.StoreControl;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;

/**
 * Maintenance of a live store. VERIFY reads every entry of one snapshot through the public API (the engine checks
 * its checksums on the way; damage surfaces as a CorruptionException naming file and offset). CHECKPOINT and
 * COMPACT run the engine's own hooks through core's {@link StoreControl} while the store serves, and report the
 * engine's figures (log and disk bytes) before and after.
 */
final class MaintenanceJob {

    private MaintenanceJob() {
    }

    static JobWork plan(MaintenanceRequest request, JobEnvironment env) {
        Store store = env.store(request.store());
        if (request.operation() != MaintenanceRequest.Operation.VERIFY) {
            StoreControl stores = env.storeControl().get().orElseThrow(() -> new StoreUnavailableException(
                    "core's StoreControl service is not available: checkpoint and compaction cannot run"));
            boolean compact = request.operation() == MaintenanceRequest.Operation.COMPACT;
            return control -> engineHook(store, stores, compact, control);
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

    private static String engineHook(Store store, StoreControl stores, boolean compact, JobControl control) {
        String what = compact ? "compacted" : "checkpointed";
        control.message((compact ? "compacting '" : "checkpointing '") + store.name() + "'");
        String before = figures(store);
        long started = System.nanoTime();
        if (compact) {
            stores.compact(store.name());
        } else {
            stores.checkpoint(store.name());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String line = what + " '" + store.name() + "' (" + store.info().backend() + ") in " + millis + " ms; "
                + "before: " + before + "; after: " + figures(store);
        control.report(line);
        return line;
    }

    private static String figures(Store store) {
        StoreMetrics m = store.metrics();
        return "log " + bytes(m.walBytes()) + ", disk " + bytes(m.diskBytes());
    }

    private static String bytes(long n) {
        return n < 0 ? "unknown" : n + " bytes";
    }
}
