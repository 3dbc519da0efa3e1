package dev.strata.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where {@code PostgresBenchmark.batchedPuts}'s time goes, target beside target: rounds that each load
 * {@value PostgresBenchmark#KEYS} keys in batches of {@value Workload#BATCH} into a fresh store of every target
 * named, the targets alternating within a round (so each sees the same machine), printing per batch the wall time
 * and the CPU time of this process (every thread: the benchmark's, the pool's, GC, JIT) and of the benchmark thread.
 * On one connection at a time the client and the server take turns, so wall minus client CPU is about the server's time plus the round trips:
 * the two say whose work to cut, and the CPU figure hardly depends on what else the machine runs.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.strata.benchmarks.PostgresPutCost [rounds]
 * [target,target...]} with the server of {@link PostgresServer#url()}; targets as {@code PostgresBenchmark}'s
 * (default {@code jdbc,strata-postgres}). The first two rounds warm up and are not counted.
 */
public final class PostgresPutCost {

    private static final int WARM_UP_ROUNDS = 2;

    private PostgresPutCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String[] targets = (args.length > 1 ? args[1] : "jdbc,strata-postgres").split(",");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Workload workload = new Workload(PostgresBenchmark.KEYS);
        int batches = (PostgresBenchmark.KEYS + Workload.BATCH - 1) / Workload.BATCH;
        List<List<double[]>> figures = new ArrayList<>();
        for (String ignored : targets) {
            figures.add(new ArrayList<>());
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%-24s %6s %14s %14s %14s %14s%n", "target", "round", "wall ms/batch", "cpu ms/batch",
                "thread ms", "wall-cpu ms");
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
            for (int t = 0; t < targets.length; t++) {
                KeyValueTarget store = PostgresBenchmark.create(targets[t]);
                try {
                    long cpu = os.getProcessCpuTime();
                    long thread = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    workload.putEveryKey(store);
                    double wallMs = (System.nanoTime() - wall) / 1e6 / batches;
                    double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / batches;
                    double threadMs = (threads.getCurrentThreadCpuTime() - thread) / 1e6 / batches;
                    System.out.printf("%-24s %6s %14.3f %14.3f %14.3f %14.3f%n", targets[t],
                            round < WARM_UP_ROUNDS ? "w" + round : Integer.toString(round - WARM_UP_ROUNDS), wallMs,
                            cpuMs, threadMs, wallMs - cpuMs);
                    if (round >= WARM_UP_ROUNDS) {
                        figures.get(t).add(new double[] {wallMs, cpuMs, threadMs});
                    }
                } finally {
                    store.close();
                }
            }
        }
        System.out.printf("%nmedians over %d rounds, load %s%n", rounds, loadAverage());
        double baselineWall = median(figures.get(0), 0);
        for (int t = 0; t < targets.length; t++) {
            double wall = median(figures.get(t), 0);
            double cpu = median(figures.get(t), 1);
            double thread = median(figures.get(t), 2);
            System.out.printf("%-24s wall %8.3f ms/batch  process cpu %7.3f  benchmark thread cpu %7.3f ms/batch"
                    + "  rate against %s: %.2fx%n", targets[t], wall, cpu, thread, targets[0], baselineWall / wall);
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static String loadAverage() {
        try {
            return Arrays.toString(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ", 4))
                    .replaceAll(", [^,]*]$", "]");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
