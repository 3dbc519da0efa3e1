package dev.strata.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The Xodus engine's lone durable writer, old log against new, interleaved in one JVM so that a loaded machine hits
 * both alike: rounds of 2 s per target, the order rotated each round, over stores opened once. Per target, the
 * median over rounds of commits/s, of the ratio to {@code raw-force-prealloc} measured in the same round, and of the
 * writer thread's CPU time per commit (which hardly depends on the load). Targets: {@code strata-xodus} (the
 * preallocated log), {@code strata-xodus-growing} (Xodus's own files, growing with every commit, as before), and the
 * raw floors of {@link ForcedAppendLog}. Beside them, what the block device saw per commit ({@code
 * /sys/block/<device>/stat}, device from {@code -Dprobe.device}, {@code vda} by default): write requests and
 * flushes. These count other processes' I/O too, but on a loaded disk they still tell a growing file's journal
 * commit (more requests and flushes per commit) from a force over allocated space.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.strata.benchmarks.XodusCommitProbe [rounds] [seconds]}
 */
public final class XodusCommitProbe {

    /** {@code -Dprobe.targets=a,b}: fewer targets (the floor must stay among them). */
    private static final List<String> TARGETS = List.of(System.getProperty("probe.targets",
            "strata-xodus,strata-xodus-growing,raw-force-prealloc,raw-force").split(","));

    private XodusCommitProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        byte[] value = new byte[Workload.VALUE_BYTES];
        new Random(11).nextBytes(value);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, CommitTarget> stores = new LinkedHashMap<>();
        Map<String, List<double[]>> figures = new LinkedHashMap<>();
        for (String target : TARGETS) {
            stores.put(target, CommitTarget.create(target));
            figures.put(target, new ArrayList<>());
        }
        long[] sequence = {0};
        try {
            for (int round = 0; round < rounds; round++) {
                Map<String, Double> rates = new LinkedHashMap<>();
                for (int t = 0; t < TARGETS.size(); t++) {
                    String target = TARGETS.get((t + round) % TARGETS.size());
                    CommitTarget store = stores.get(target);
                    long[] diskBefore = diskStats();
                    long cpuBefore = threads.getCurrentThreadCpuTime();
                    long userBefore = threads.getCurrentThreadUserTime();
                    long start = System.nanoTime();
                    long deadline = start + (long) (seconds * 1e9);
                    long commits = 0;
                    while (System.nanoTime() < deadline) {
                        String digits = Long.toString(++sequence[0]);
                        store.commit("k" + "0".repeat(15 - digits.length()) + digits, value);
                        commits++;
                    }
                    double wall = (System.nanoTime() - start) / 1e9;
                    double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / commits;
                    double userMicros = (threads.getCurrentThreadUserTime() - userBefore) / 1e3 / commits;
                    long[] diskAfter = diskStats();
                    rates.put(target, commits / wall);
                    figures.get(target).add(new double[] {commits / wall, cpuMicros, 0,
                        (double) (diskAfter[0] - diskBefore[0]) / commits,
                        (double) (diskAfter[1] - diskBefore[1]) / commits, userMicros});
                }
                double floor = rates.get(DurableCommitBenchmark.FLOOR);
                for (String target : TARGETS) {
                    List<double[]> rows = figures.get(target);
                    rows.get(rows.size() - 1)[2] = rates.get(target) / floor;
                }
                System.out.printf(Locale.ROOT, "round %d (load %s): %s%n", round + 1, load(), rates.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.0f/s %.2fx", e.getKey(), e.getValue(),
                                e.getValue() / floor)).toList());
            }
        } finally {
            stores.values().forEach(CommitTarget::close);
        }
        System.out.println("| target | commits/s (median) | vs raw-force-prealloc, same round (median) "
                + "| writer thread CPU per commit, µs (median) | of it in user mode, µs | device writes per commit "
                + "| device flushes per commit |\n|---|---:|---:|---:|---:|---:|---:|");
        for (String target : TARGETS) {
            List<double[]> rows = figures.get(target);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2fx | %.1f | %.1f | %.2f | %.2f |%n", target,
                    median(rows, 0), median(rows, 2), median(rows, 1), median(rows, 5), median(rows, 3),
                    median(rows, 4));
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Write requests and flush requests the device has completed, or zeros where the kernel does not say. */
    private static long[] diskStats() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/block",
                    System.getProperty("probe.device", "vda"), "stat")).trim().split("\\s+");
            return new long[] {Long.parseLong(fields[4]), fields.length > 15 ? Long.parseLong(fields[15]) : 0};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[2];
        }
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
