package dev.strata.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.RestoreRequest;

/**
 * Backup and restore of a file store (durability {@code none}, {@value #KEYS} keys × 100 B) through the jobs
 * bundle's own job classes ({@link JobsOutsideOsgi}: LZ4, no encryption, no test restore), each beside what the
 * issue measures it against, in one run: {@code backup} against a full scan of the same store through the API
 * ({@code fullScan}); {@code restore} (the job verifies the archive, writes it, and reads the store back for its
 * digest, as it always does) into an empty file store against batched puts of the same entries, 1,000 per
 * transaction, into an empty file store ({@code batchedPuts}). Every operation is a single shot over every entry;
 * scores are nanoseconds per entry.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BackupRestoreBenchmark {

    /** Entries of the store: the 1M-key file store. */
    static final int KEYS = 1_000_000;
    private static final Workload WORKLOAD = new Workload(KEYS);
    private static final AtomicInteger FILES = new AtomicInteger();

    /** A loaded file store and the jobs over it; each backup writes a new archive, deleted after the iteration. */
    @State(Scope.Benchmark)
    public static class Source {
        StrataStoreTarget store;
        ScratchDirectory archives;
        JobsOutsideOsgi jobs;
        Path written;

        @Setup(Level.Trial)
        public void load() {
            store = new StrataStoreTarget("file", "none", Map.of("name", "source"));
            WORKLOAD.putEveryKey(store);
            archives = new ScratchDirectory("bench-archives-");
            jobs = new JobsOutsideOsgi(archives.path());
            jobs.add(store.store());
            Workload.settleHeap();
        }

        Path nextArchive() {
            written = archives.path().resolve("backup-" + FILES.incrementAndGet() + ".strata-backup");
            return written;
        }

        @TearDown(Level.Iteration)
        public void deleteArchive() throws Exception {
            if (written != null) {
                Files.deleteIfExists(written);
                written = null;
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            archives.close();
        }
    }

    /** An archive of the loaded entries (made once), and an empty file store per iteration. */
    @State(Scope.Benchmark)
    public static class EmptyTarget {
        ScratchDirectory archives;
        JobsOutsideOsgi jobs;
        Path archive;
        StrataStoreTarget target;

        @Setup(Level.Trial)
        public void archive() throws Exception {
            archives = new ScratchDirectory("bench-archives-");
            jobs = new JobsOutsideOsgi(archives.path());
            archive = archives.path().resolve("source.strata-backup");
            StrataStoreTarget source = new StrataStoreTarget("file", "none", Map.of("name", "source"));
            try {
                WORKLOAD.putEveryKey(source);
                jobs.add(source.store());
                jobs.run(new BackupRequest("source", archive.toString(), "lz4", "", false, false));
            } finally {
                source.close();
            }
        }

        @Setup(Level.Iteration)
        public void open() {
            target = new StrataStoreTarget("file", "none", Map.of("name", "target"));
            jobs.add(target.store());
            Workload.settleHeap();
        }

        @TearDown(Level.Iteration)
        public void closeTarget() {
            target.close();
        }

        @TearDown(Level.Trial)
        public void close() {
            archives.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public long fullScan(Source state) {
        return state.store.scanAll();
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public String backup(Source state) throws Exception {
        return state.jobs.run(new BackupRequest("source", state.nextArchive().toString(), "lz4", "", false, false));
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void batchedPuts(EmptyTarget state) {
        WORKLOAD.putEveryKey(state.target);
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public String restore(EmptyTarget state) throws Exception {
        return state.jobs.run(new RestoreRequest(state.archive.toString(), "target", false));
    }
}
