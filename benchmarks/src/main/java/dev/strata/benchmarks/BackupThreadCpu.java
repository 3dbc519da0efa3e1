package dev.strata.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.management.BackupRequest;

/**
 * Where a backup's CPU goes, thread by thread, beside a full scan of the same store: the CPU time per entry of the
 * thread that reads the snapshot (the job's), of the archive's writing thread (encode, digest, LZ4, write) and of its
 * background force, and the wall time, for {@code BackupRestoreBenchmark}'s store (a file store of 1M keys × 100 B,
 * LZ4, no encryption). CPU time per thread hardly depends on what else the machine runs, where wall time does: on a
 * quiet two-core machine a backup takes about as long as its busiest thread, so these figures say which thread to
 * unload. Scans and backups alternate, so both see the same state of the store.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.strata.benchmarks.BackupThreadCpu [rounds]}
 */
public final class BackupThreadCpu {

    private BackupThreadCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int keys = BackupRestoreBenchmark.KEYS;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StrataStoreTarget store = new StrataStoreTarget("file", "none", Map.of("name", "source"));
        try (ScratchDirectory archives = new ScratchDirectory("bench-archives-")) {
            new Workload(keys).putEveryKey(store);
            JobsOutsideOsgi jobs = new JobsOutsideOsgi(archives.path());
            jobs.add(store.store());
            Workload.settleHeap();
            System.out.printf("%-6s %10s %10s | %10s %10s %10s %10s %10s | %10s %10s%n", "round", "scan wall",
                    "scan cpu", "bk wall", "reader", "writer", "force thr", "gc+other", "scan B", "reader B");
            List<double[]> rows = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long a0 = mx.getCurrentThreadAllocatedBytes();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                store.scanAll();
                double scanWall = (System.nanoTime() - t0) / (double) keys;
                double scanCpu = (mx.getCurrentThreadCpuTime() - c0) / (double) keys;
                double scanBytes = (mx.getCurrentThreadAllocatedBytes() - a0) / (double) keys;

                Path file = archives.path().resolve("backup-" + round + ".strata-backup");
                Map<Long, Long> cpu = new ConcurrentHashMap<>();
                Map<Long, String> names = new ConcurrentHashMap<>();
                Thread monitor = new Thread(() -> watch(mx, cpu, names), "cpu-monitor");
                monitor.setDaemon(true);
                long p0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime();
                monitor.start();
                a0 = mx.getCurrentThreadAllocatedBytes();
                c0 = mx.getCurrentThreadCpuTime();
                t0 = System.nanoTime();
                jobs.run(new BackupRequest("source", file.toString(), "lz4", "", false, false));
                double wall = (System.nanoTime() - t0) / (double) keys;
                double reader = (mx.getCurrentThreadCpuTime() - c0) / (double) keys;
                double readerBytes = (mx.getCurrentThreadAllocatedBytes() - a0) / (double) keys;
                monitor.interrupt();
                monitor.join();
                long p1 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime();
                double writer = sum(cpu, names, false) / (double) keys;
                double force = sum(cpu, names, true) / (double) keys;
                double other = (p1 - p0) / (double) keys - reader - writer - force;
                Files.deleteIfExists(file);
                System.out.printf("%-6d %10.0f %10.0f | %10.0f %10.0f %10.0f %10.0f %10.0f | %10.0f %10.0f%n", round,
                        scanWall, scanCpu, wall, reader, writer, force, other, scanBytes, readerBytes);
                rows.add(new double[] {scanWall, scanCpu, wall, reader, writer, force, other, scanBytes, readerBytes});
            }
            double[] median = new double[9];
            for (int c = 0; c < median.length; c++) {
                int col = c;
                double[] v = rows.stream().skip(rows.size() / 2).mapToDouble(r -> r[col]).sorted().toArray();
                median[c] = v[v.length / 2];
            }
            System.out.printf("%-6s %10.0f %10.0f | %10.0f %10.0f %10.0f %10.0f %10.0f | %10.0f %10.0f   (ns and "
                    + "bytes allocated per entry, medians of the second half)%n", "median", median[0], median[1],
                    median[2], median[3], median[4], median[5], median[6], median[7], median[8]);
            System.out.printf("backup/scan wall %.2fx; scan rate / backup rate %.2fx; reader / scan CPU %.2fx, "
                    + "writer / scan CPU %.2fx%n", median[2] / median[0], median[0] / median[2], median[3] / median[1],
                    median[4] / median[1]);
        } finally {
            store.close();
        }
    }

    /** Polls the CPU time of the archive's threads every 2 ms until interrupted, keeping the last reading of each. */
    private static void watch(ThreadMXBean mx, Map<Long, Long> cpu, Map<Long, String> names) {
        while (!Thread.currentThread().isInterrupted()) {
            for (long id : mx.getAllThreadIds()) {
                String name = names.get(id);
                if (name == null) {
                    ThreadInfo info = mx.getThreadInfo(id);
                    name = info == null ? "" : info.getThreadName();
                    names.put(id, name);
                }
                if (name.startsWith("strata-archive-writer")) {
                    long t = mx.getThreadCpuTime(id);
                    if (t > 0) {
                        cpu.merge(id, t, Math::max);
                    }
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long sum(Map<Long, Long> cpu, Map<Long, String> names, boolean force) {
        return cpu.entrySet().stream().filter(e -> names.get(e.getKey()).contains("-force") == force)
                .mapToLong(Map.Entry::getValue).sum();
    }
}
