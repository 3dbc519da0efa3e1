package dev.strata.jobs.internal.work;

import java.util.Map;
import java.util.Optional;

import dev.strata.api.management.JobInfo;

/**
 * Finishes an engine migration the runtime stopped in the middle of (found unfinished at start-up): its own target
 * store's definition is removed (the copy's files stay, so a resubmitted migration continues from them), and a
 * store it had frozen gets its original definition back. A store already switched to the target keeps it, and the
 * switch is recorded so that it can be undone.
 */
final class EngineSwitchRecovery {

    private EngineSwitchRecovery() {
    }

    static boolean concerns(JobInfo job) {
        return job.type().equals("migrate-engine") || job.type().equals("migrate-undo");
    }

    /** @return what was done, for the log; empty when there was nothing to do */
    static Optional<String> recover(JobInfo job, JobEnvironment env, long keepMinutes) {
        StoreDefinitions definitions = env.definitions();
        if (definitions == null) {
            return Optional.empty();
        }
        definitions.remove(EngineSwitch.targetStoreName(job.id()));
        SwitchRecords records = SwitchRecords.of(env);
        Optional<SwitchRecords.Pending> pending = records.pending(job.id());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        SwitchRecords.Pending p = pending.get();
        Map<String, String> now = definitions.definition(p.store());
        if (now.equals(p.target())) {
            long at = env.now();
            records.switched(job.id(), p.store(), new SwitchRecords.Switch(job.id(), at, at + keepMinutes * 60_000,
                    p.original(), p.target()));
            return Optional.of("store '" + p.store() + "' had been switched to " + p.target().get("backend")
                    + " when the runtime stopped; the switch stands");
        }
        if (now.equals(p.frozen())) {
            definitions.redefine(p.store(), p.original());
        }
        records.clearPending(job.id());
        return Optional.of("store '" + p.store() + "' was not switched; it serves as before on "
                + p.original().get("backend"));
    }
}
