package dev.strata.jobs.internal.work;

import java.nio.file.Path;

import dev.strata.api.Store;
import dev.strata.jobs.internal.JobControl;

/** Proof that a backup restores: into a scratch memory store, compared by digest with the snapshot it came from. */
final class TestRestore {

    private TestRestore() {
    }

    /** @return the evidence line kept with the job */
    static String prove(JobEnvironment env, Path archive, JobControl control) {
        String name = "scratch-" + control.jobId();
        Store scratch = env.scratch().create(name);
        try {
            RestoreProof.Proof restored = RestoreJob.restore(archive, scratch, false, env, control);
            return "test restore into scratch memory store '" + name + "': " + restored.keys() + " keys, "
                    + (restored.expired() == 0 ? "digest " + restored.digest() + " equals the snapshot's"
                    : "equal to the snapshot except " + restored.expired() + " key(s) that expired since")
                    + ", expiry and tags kept";
        } finally {
            env.scratch().drop(name);
        }
    }
}
