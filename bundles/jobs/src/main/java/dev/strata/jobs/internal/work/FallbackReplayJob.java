package dev.strata.jobs.internal.work;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import dev.strata.api.StoreUnavailableException;
import dev.strata.api.management.FallbackReplayRequest;
import dev.strata.api.management.StoreFallback;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.JobWork;

/**
 * Replays a store's fallback journal into it through core's {@link StoreFallback}: the job shows the commits
 * applied, can be cancelled between two commits (the store stays on its fallback, and a later replay resumes where
 * this one stopped), and keeps the replay in the job history. Core submits it when the store's backend returns.
 */
final class FallbackReplayJob {

    private FallbackReplayJob() {
    }

    static JobWork plan(FallbackReplayRequest request, JobEnvironment env) {
        env.store(request.store()); // an unknown store is refused before anything runs
        return control -> {
            String line = fallback().replay(request.store(), new StoreFallback.Progress() {
                private long total;

                @Override
                public void total(long commits) {
                    total = commits;
                    control.totals(commits, 0);
                }

                @Override
                public void applied(long commits) {
                    control.progress(Math.min(commits, Math.max(total, commits)), 0);
                }

                @Override
                public void message(String text) {
                    control.message(text);
                }

                @Override
                public void checkCancelled() {
                    control.checkCancelled();
                }
            });
            control.report(line);
            return line;
        };
    }

    /** Core's service, looked up when the job runs (it is core's, so it is there whenever a store is). */
    private static StoreFallback fallback() {
        Bundle bundle = FrameworkUtil.getBundle(FallbackReplayJob.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        ServiceReference<StoreFallback> reference = context == null ? null
                : context.getServiceReference(StoreFallback.class);
        StoreFallback service = reference == null ? null : context.getService(reference);
        if (service == null) {
            throw new StoreUnavailableException("core's StoreFallback service is not available: the replay cannot run");
        }
        return service;
    }
}
