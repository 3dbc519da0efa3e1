package dev.strata.jobs.internal.work;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.strata.api.NotFoundException;
import dev.strata.api.StoreInfo;

/**
 * Deletes the old files of a store moved to another engine in place once its undo window has ended (the
 * {@code keepUntil} of the switch that left them, {@link SwitchRecords}). The records live in the system store, so a sweep
 * after a restart deletes what the window's end left: the job service sweeps at start and every minute. A sweep is
 * idempotent (a directory already gone is skipped) and deletes nothing a store still uses: not a directory that any
 * defined store names (a later migration into the same directory, a store an operator opened over the old files),
 * nor one outside the data root. Every switch's old files are tracked on their own: a second switch inside the
 * first one's window (A to B, then B to C) leaves both A's and B's directories to be deleted, each when its own
 * window ends; a deleted (or vanished) directory is no longer tracked.
 */
public final class OldFilesReaper {

    private final JobEnvironment env;
    private final Path dataRoot;
    private final Consumer<String> log;

    public OldFilesReaper(JobEnvironment env, Path dataRoot, Consumer<String> log) {
        this.env = env;
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
        this.log = log;
    }

    /**
     * Sweeps now (on a thread of its own: not the caller's) and then every {@code periodSeconds}; a failed sweep is
     * logged and tried again at the next.
     *
     * @return stops the sweeps
     */
    public AutoCloseable every(long periodSeconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "strata-jobs-old-files");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.accept("could not delete the old files of a migrated store: " + e.getMessage());
            }
        }, 1, periodSeconds, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    /** @return one line per directory deleted */
    public List<String> sweep() {
        if (env.definitions() == null || env.systemStore().get().isEmpty()) {
            return List.of();
        }
        long now = env.now();
        SwitchRecords records = SwitchRecords.of(env);
        List<String> done = new ArrayList<>();
        Set<Path> inUse = null;
        for (Candidate c : candidates(records)) {
            SwitchRecords.Switch sw = c.done();
            if (now < sw.keepUntil()) {
                continue;
            }
            Optional<Path> old = inDataRoot(StoreDefinitions.directoryOf(sw.before()));
            if (old.isEmpty() || !Files.exists(old.get())) {
                c.forget(records); // nothing (left) to delete
                continue;
            }
            if (inUse == null) {
                inUse = directoriesInUse();
            }
            if (inUse.contains(old.get()) || inDataRoot(StoreDefinitions.directoryOf(sw.after())).equals(old)) {
                log.accept("the old files of '" + c.store() + "' in " + old.get() + " are kept: a store uses them");
                continue;
            }
            delete(old.get());
            c.forget(records);
            String line = "deleted the old files of '" + c.store() + "' in " + old.get() + " (switched to "
                    + sw.after().get("backend") + " by job " + sw.jobId() + "; kept until "
                    + Instant.ofEpochMilli(sw.keepUntil()) + ")";
            log.accept(line);
            done.add(line);
        }
        return done;
    }

    /** Old files to look at: the one of every switch ({@code old} set), or of a last switch only (recorded so). */
    private record Candidate(String store, SwitchRecords.Switch done, SwitchRecords.OldFiles old) {
        void forget(SwitchRecords records) {
            if (old != null) {
                records.forgetOld(old);
            }
        }
    }

    /**
     * Every tracked switch's old files, and the last switch of a store that has no record of its own for it (a
     * switch recorded before the job service tracked each one: its directory is still swept as it was).
     */
    private static List<Candidate> candidates(SwitchRecords records) {
        List<Candidate> all = new ArrayList<>();
        Set<String> tracked = new HashSet<>();
        for (SwitchRecords.OldFiles old : records.allOld()) {
            all.add(new Candidate(old.store(), old.done(), old));
            tracked.add(old.store() + "\n" + old.done().jobId());
        }
        for (Map.Entry<String, SwitchRecords.Switch> e : records.allLast().entrySet()) {
            if (!tracked.contains(e.getKey() + "\n" + e.getValue().jobId())) {
                all.add(new Candidate(e.getKey(), e.getValue(), null));
            }
        }
        return all;
    }

    private Set<Path> directoriesInUse() {
        Set<Path> dirs = new HashSet<>();
        for (StoreInfo store : env.storage().stores()) {
            String dir;
            try {
                dir = StoreDefinitions.directoryOf(env.definitions().definition(store.name()));
            } catch (NotFoundException e) {
                dir = store.name(); // not defined through ConfigAdmin: core keeps it under its name
            }
            inDataRoot(dir).ifPresent(dirs::add);
        }
        return dirs;
    }

    /** The directory under the data root, or empty when the name would leave it. */
    private Optional<Path> inDataRoot(String dir) {
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path path = dataRoot.resolve(dir).normalize();
        return path.startsWith(dataRoot) && !path.equals(dataRoot) ? Optional.of(path) : Optional.empty();
    }

    private static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the old files in " + dir, e);
        }
    }
}
