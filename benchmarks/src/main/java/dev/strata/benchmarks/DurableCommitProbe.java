package dev.strata.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.strata.api.spi.StorageEngine;

/**
 * Where the eight durable writers' time goes, outside JMH: rounds of {@code seconds} that alternate the file engine
 * with eight writers ({@code DurableCommitBenchmark.eightWriters}, the same store settings and keys) and the floor
 * ({@code raw-force-prealloc}, one writer), each round reporting commits/s, forces/s and commits per force (the
 * engine's {@code walForces}), the process's CPU time per commit (and the part of it spent in the kernel, from
 * {@code /proc/self/stat} where there is one) and the writers' own thread CPU per commit, all of it and the part in
 * user mode (the Java code; the rest is the kernel's: system calls, parks and wake-ups). CPU per
 * commit hardly depends on the load; on two cores it caps the rate at {@code 2 cores / process CPU per commit}.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.strata.benchmarks.DurableCommitProbe [rounds] [seconds]
 * [writers] [durability]} (durability {@code fsync} by default; {@code os} or {@code none} show the commit path's
 * CPU without forces, the floor then still forces)
 */
public final class DurableCommitProbe {

    private DurableCommitProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String durability = args.length > 3 ? args[3] : "fsync";
        byte[] value = new byte[Workload.VALUE_BYTES];
        new Random(11).nextBytes(value);
        System.out.printf("%-5s %-20s %10s %9s %7s %12s %7s %12s %10s %8s%n", "round", "target", "commits/s",
                "forces/s", "group", "proc us/c", "kernel", "thread us/c", "user us/c", "xfloor");
        List<double[]> engineRows = new ArrayList<>();
        List<Double> floorRates = new ArrayList<>();
        try (StrataStoreTarget file = new StrataStoreTarget("file", durability);
                ForcedAppendLog floor = new ForcedAppendLog(true)) {
            StorageEngine engine = file.store().engine().orElseThrow();
            AtomicLong keys = new AtomicLong();
            for (int round = 0; round < rounds; round++) {
                Result raw = run(floor, 1, seconds, value, keys, null);
                floorRates.add(raw.rate());
                print(round, "raw-force-prealloc", raw, Double.NaN);
                Result eight = run(file, writers, seconds, value, keys, engine);
                print(round, "strata-file x" + writers, eight, eight.rate() / raw.rate());
                engineRows.add(new double[] {eight.rate(), eight.forces() / eight.seconds(), eight.group(),
                        eight.processMicros(), eight.threadMicros(), eight.rate() / raw.rate(),
                        100 * eight.kernelShare(), eight.userMicros()});
            }
        }
        // the first half warms the JIT up; medians of the second half
        List<double[]> settled = engineRows.subList(engineRows.size() / 2, engineRows.size());
        double floorMedian = median(floorRates.subList(floorRates.size() / 2, floorRates.size()).stream()
                .mapToDouble(Double::doubleValue).toArray());
        System.out.printf("median of the last %d rounds: strata-file %.0f commits/s, %.0f forces/s, group %.2f, "
                + "process %.1f us/commit (%.0f%% in the kernel), writers %.1f us/commit (user %.1f), %.2fx the floor "
                + "(%.0f/s)%n", settled.size(), col(settled, 0), col(settled, 1), col(settled, 2), col(settled, 3),
                col(settled, 6), col(settled, 4), col(settled, 7), col(settled, 5), floorMedian);
    }

    private record Result(long commits, long forces, double seconds, long processNanos, long threadNanos,
            long userNanos, double kernelShare) {
        double rate() {
            return commits / seconds;
        }

        double group() {
            return forces == 0 ? Double.NaN : commits / (double) forces;
        }

        double processMicros() {
            return processNanos / 1e3 / commits;
        }

        double threadMicros() {
            return threadNanos / 1e3 / commits;
        }

        double userMicros() {
            return userNanos / 1e3 / commits;
        }
    }

    private static Result run(CommitTarget target, int threads, double seconds, byte[] value, AtomicLong keys,
            StorageEngine engine) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        LongAdder commits = new LongAdder();
        LongAdder threadCpu = new LongAdder();
        LongAdder threadUser = new LongAdder();
        long durationNanos = (long) (seconds * 1e9);
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[] stopAt = new long[1];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long user0 = mx.getCurrentThreadUserTime();
                    long done = 0;
                    while (System.nanoTime() < stopAt[0]) {
                        target.commit(key(keys.incrementAndGet()), value);
                        done++;
                    }
                    threadCpu.add(mx.getCurrentThreadCpuTime() - cpu0);
                    threadUser.add(mx.getCurrentThreadUserTime() - user0);
                    commits.add(done);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "probe-writer-" + t);
            workers[t].start();
        }
        long forces0 = forces(engine);
        long[] ticks0 = userAndSystemTicks();
        long process0 = processCpu();
        long t0 = System.nanoTime();
        stopAt[0] = t0 + durationNanos;
        start.await();
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long processNanos = processCpu() - process0;
        long[] ticks1 = userAndSystemTicks();
        long user = ticks1[0] - ticks0[0];
        long system = ticks1[1] - ticks0[1];
        double kernelShare = ticks0[0] < 0 || user + system == 0 ? Double.NaN : system / (double) (user + system);
        return new Result(commits.sum(), forces(engine) - forces0, elapsed, processNanos, threadCpu.sum(),
                threadUser.sum(), kernelShare);
    }

    /** The process's user and system CPU in clock ticks (Linux), or {@code -1}s where there is no /proc. */
    private static long[] userAndSystemTicks() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // fields after the command name (which may hold spaces), counted from field 3
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    private static String key(long n) {
        String digits = Long.toString(n);
        return "k" + "0".repeat(15 - digits.length()) + digits;
    }

    private static long forces(StorageEngine engine) {
        return engine == null ? 0 : engine.metrics().extra().get("walForces").longValue();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void print(int round, String target, Result r, double ratio) {
        System.out.printf("%-5d %-20s %10.0f %9.0f %7.2f %12.1f %6.0f%% %12.1f %10.1f %8s%n", round, target,
                r.rate(), r.forces() / r.seconds(), r.group(), r.processMicros(), 100 * r.kernelShare(),
                r.threadMicros(), r.userMicros(), Double.isNaN(ratio) ? "" : String.format("%.2fx", ratio));
    }

    private static double col(List<double[]> rows, int column) {
        return median(rows.stream().mapToDouble(r -> r[column]).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
