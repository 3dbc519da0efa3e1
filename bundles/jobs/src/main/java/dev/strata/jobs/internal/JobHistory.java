package dev.strata.jobs.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.management.JobInfo;

/**
 * Every job the service knows, kept under {@value #PREFIX}{@code <id>} in the runtime's system store, so history
 * and the stores it describes live (and are backed up) together. Ids sort by submission time, so retention drops
 * the lowest keys. A job is written when it is queued, when it starts and when it ends; a job found RUNNING or
 * QUEUED at start-up was interrupted by a stop of the runtime.
 */
final class JobHistory {

    static final String PREFIX = "jobs.";

    private final Supplier<Optional<Store>> systemStore;
    private final int retention;
    private final ConcurrentSkipListMap<String, JobInfo> ended = new ConcurrentSkipListMap<>();
    private volatile String problem = "";

    JobHistory(Supplier<Optional<Store>> systemStore, int retention) {
        this.systemStore = systemStore;
        this.retention = Math.max(1, retention);
    }

    /** Reads what the system store holds; returns the jobs that were not final (interrupted by a stop). */
    List<JobInfo> load() {
        List<JobInfo> interrupted = new ArrayList<>();
        Optional<Store> store = systemStore.get();
        if (store.isEmpty()) {
            problem = "the system store is not available; history is kept in memory only";
            return interrupted;
        }
        try (EntryCursor cursor = store.get().scan(Scan.prefix(PREFIX))) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                try {
                    JobInfo job = JobInfoCodec.decode(entry.value());
                    if (job.state().isFinal()) {
                        ended.put(job.id(), job);
                    } else {
                        interrupted.add(job);
                    }
                } catch (IOException e) {
                    problem = "history entry '" + entry.key() + "' is unreadable: " + e.getMessage();
                }
            }
        } catch (StorageException e) {
            problem = "history could not be read: " + e.getMessage();
        }
        return interrupted;
    }

    /** Writes the job's current state; a final state also enters the in-memory history and retention. */
    void record(JobInfo job) {
        if (job.state().isFinal()) {
            ended.put(job.id(), job);
        }
        Optional<Store> store = systemStore.get();
        if (store.isEmpty()) {
            problem = "the system store is not available; history is kept in memory only";
            trimMemory();
            return;
        }
        try {
            store.get().put(PREFIX + job.id(), JobInfoCodec.encode(job));
            prune(store.get());
            problem = "";
        } catch (StorageException e) {
            problem = "history could not be written: " + e.getMessage();
            trimMemory();
        }
    }

    boolean contains(String id) {
        return ended.containsKey(id);
    }

    Optional<JobInfo> find(String id) {
        return Optional.ofNullable(ended.get(id));
    }

    /** Newest first. */
    List<JobInfo> list(int limit) {
        List<JobInfo> all = new ArrayList<>(ended.descendingMap().values());
        all.sort(Comparator.comparing(JobInfo::id).reversed());
        return limit <= 0 || limit >= all.size() ? all : all.subList(0, limit);
    }

    String problem() {
        return problem;
    }

    private void prune(Store store) {
        while (ended.size() > retention) {
            Map.Entry<String, JobInfo> oldest = ended.pollFirstEntry();
            if (oldest != null) {
                store.delete(PREFIX + oldest.getKey());
            }
        }
    }

    private void trimMemory() {
        while (ended.size() > retention) {
            ended.pollFirstEntry();
        }
    }
}
