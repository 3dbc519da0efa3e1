package dev.strata.jobs.internal.work;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.jobs.internal.JobControl;

/**
 * Moves a whole store to another engine in place while it stays in use. The rule that makes it exact:
 * <ol>
 * <li><b>Copy and catch up</b> while writers write: the target (a store of the job's own, {@code migration-<job>},
 * on the new engine over the new directory) is made equal to a snapshot of the source, then to fresh snapshots in
 * rounds ({@link StoreDiff#apply}), until a round changes little. The source is only read. A target directory kept
 * by an earlier run is reused: the first round then writes only what differs (the result says so).</li>
 * <li>With {@code hold}: further rounds every second until an operator confirms; nothing is frozen meanwhile.</li>
 * <li><b>Freeze</b>: the store is redefined {@code read.only=true} on its own engine and directory. Core closes the
 * writable engine only after every operation inside it has left (committed, or rolled back after the grace
 * period), and opens the read-only one after that. So once the store serves READ_ONLY, every write that was ever
 * acknowledged is in the source's files and no further write can reach them. Writers get ReadOnlyException (or
 * StoreUnavailableException while it reopens) and nothing they did is lost.</li>
 * <li><b>Final catch-up and proof</b>: one more round from the frozen source, then a comparison of the two by SHA-256
 * over key ranges of {@value StoreDiff#RANGE_KEYS} keys. Any difference fails the job.</li>
 * <li><b>Switch</b>: the job's target store is removed and the store is redefined on the new engine and directory, in
 * one definition change. Writes resume on the new engine.</li>
 * </ol>
 * A cancel or failure before the switch gives the store its original definition back (it never left the old
 * directory, which no step wrote to). The old directory is kept, unwritten, for the configured time: an undo
 * migrates back into it by the same rule (catching it up with the writes made since the switch).
 */
final class EngineSwitch {

    /** Catch-up rounds stop (and the freeze begins) once a round changes at most this many keys. */
    static final long SMALL_ROUND = 100;
    static final int MAX_ROUNDS = 10;

    private final JobEnvironment env;
    private final StoreDefinitions definitions;
    private final SwitchRecords records;
    private final EngineMigrationRequest request;
    private final Map<String, String> original;
    private final Map<String, String> target;
    private final long keepMinutes;

    EngineSwitch(JobEnvironment env, StoreDefinitions definitions, SwitchRecords records,
            EngineMigrationRequest request, Map<String, String> original, Map<String, String> target,
            long keepMinutes) {
        this.env = env;
        this.definitions = definitions;
        this.records = records;
        this.request = request;
        this.original = original;
        this.target = target;
        this.keepMinutes = keepMinutes;
    }

    /** The name of the job's own store on the target engine while it is filled. */
    static String targetStoreName(String jobId) {
        return "migration-" + jobId;
    }

    String run(JobControl control) {
        String name = request.store();
        String dir = StoreDefinitions.directoryOf(target);
        String tempName = targetStoreName(control.jobId());
        Map<String, String> temp = new TreeMap<>(target);
        temp.put("name", tempName);
        temp.put(StoreDefinitions.DATA_DIR, dir);
        control.report("from: " + describe(original));
        control.report("to: " + describe(target));
        control.message("opening the target on '" + target.get("backend") + "' in " + dir);
        Store copy = definitions.define(temp);
        boolean tempDefined = true;
        try {
            StoreDiff.Result first = copy(env.store(name), copy, control);
            String copied = copyLine(first);
            // from here on the figures are the last walk's: every source key at its snapshot, all in the target
            RoundProgress rounds = new RoundProgress(control, first.keys(), first.bytes());
            catchUp(env.store(name), copy, rounds, first.changes());
            if (request.hold()) {
                control.awaitConfirmation("caught up; waiting for strata:migrate-confirm " + control.jobId()
                        + " to freeze and switch", () -> round(env.store(name), copy, rounds, "holding"));
            }
            control.checkCancelled();
            Map<String, String> frozen = new TreeMap<>(original);
            frozen.put(StoreDefinitions.READ_ONLY, "true");
            records.pending(control.jobId(), new SwitchRecords.Pending(name, original, frozen, target));
            control.message("freezing '" + name + "' for the final catch-up");
            long frozenAt = System.nanoTime();
            boolean switched = false;
            try {
                Store source = definitions.redefine(name, frozen);
                FreezeWindowHold.at("frozen", true, control);
                // while writes are frozen the throttle does not apply: the freeze lasts as short as it can
                StoreDiff.Result last = StoreDiff.apply(source, copy, rounds, Integer.MAX_VALUE, env::now);
                rounds.roundEnded(last.keys(), last.bytes());
                control.report("frozen: final catch-up wrote " + last.written() + " and deleted " + last.deleted()
                        + " keys, up to source commit sequence " + last.sequence());
                StoreDiff.Result proof = StoreDiff.compare(source, copy, rounds, Integer.MAX_VALUE, env::now);
                if (!proof.mismatches().isEmpty()) {
                    throw new StorageException("the target differs from the frozen source in " + proof.mismatches()
                            .size() + " key range(s), first " + proof.mismatches().get(0) + "; nothing was switched");
                }
                String verified = "verified " + proof.ranges() + " key range(s) of up to " + StoreDiff.RANGE_KEYS
                        + " keys by SHA-256 on both sides: all equal; " + proof.keys() + " keys, " + proof.digest();
                control.report(verified);
                control.checkCancelled();
                definitions.remove(tempName);
                tempDefined = false;
                control.message("switching '" + name + "' to '" + target.get("backend") + "'");
                definitions.redefine(name, target);
                switched = true;
                FreezeWindowHold.at("switched", false, control);
                long now = env.now();
                long keepUntil = now + keepMinutes * 60_000;
                records.switched(control.jobId(), name, new SwitchRecords.Switch(control.jobId(), now, keepUntil,
                        original, target));
                long frozenMillis = (System.nanoTime() - frozenAt) / 1_000_000;
                String result = (request.undo() ? "switched '" + name + "' back to '" : "switched '" + name
                        + "' to '") + target.get("backend") + "' (" + dir + "); " + copied + "; writes frozen for "
                        + frozenMillis + " ms; " + verified + "; the old files in " + StoreDefinitions.directoryOf(
                        original) + " are kept unwritten until " + Instant.ofEpochMilli(keepUntil)
                        + " (strata:migrate-undo " + name + ")";
                control.report("switched; old files kept until " + Instant.ofEpochMilli(keepUntil));
                return result;
            } finally {
                if (!switched) {
                    thaw(control);
                }
            }
        } finally {
            if (tempDefined) {
                definitions.remove(tempName);
                control.report("the copy in " + dir + " is kept: submitting the migration again continues it");
            }
        }
    }

    /** Gives the store its original definition back after a cancel or failure before the switch. */
    private void thaw(JobControl control) {
        try {
            definitions.redefine(request.store(), original);
            records.clearPending(control.jobId());
            control.report("not switched: '" + request.store() + "' serves again as before, on "
                    + original.get("backend"));
        } catch (RuntimeException e) {
            control.report("could not give '" + request.store() + "' its definition back: " + e.getMessage()
                    + "; the job service retries at its next start");
        }
    }

    /** The first walk: keys done count up as it copies (the total is not known before it ends). */
    private StoreDiff.Result copy(Store source, Store copy, JobControl control) {
        control.message("copying '" + source.name() + "' to '" + target.get("backend") + "'");
        StoreDiff.Result first = StoreDiff.apply(source, copy, control, env.chunkBytes(), env::now);
        control.report(copyLine(first) + " at source commit sequence " + first.sequence());
        return first;
    }

    private String copyLine(StoreDiff.Result first) {
        return first.same() == 0 ? "copied " + first.written() + " keys"
                : (request.undo() ? "the old files still held " + first.same() + " keys; "
                : "resumed: " + first.same() + " keys already in the target from an earlier run, ")
                + first.written() + " copied, " + first.deleted() + " deleted";
    }

    private void catchUp(Store source, Store copy, RoundProgress rounds, long changes) {
        for (int round = 1; round <= MAX_ROUNDS && changes > SMALL_ROUND; round++) {
            changes = round(source, copy, rounds, "catch-up round " + round).changes();
        }
    }

    private StoreDiff.Result round(Store source, Store copy, RoundProgress control, String what) {
        control.message(what);
        StoreDiff.Result r = StoreDiff.apply(source, copy, control, env.chunkBytes(), env::now);
        control.roundEnded(r.keys(), r.bytes());
        if (r.changes() > 0) {
            control.report(what + ": " + r.written() + " written, " + r.deleted() + " deleted, up to source commit "
                    + "sequence " + r.sequence());
        }
        return r;
    }

    static String describe(Map<String, String> definition) {
        return definition.get("backend") + " in " + StoreDefinitions.directoryOf(definition) + " " + definition;
    }
}
