package dev.strata.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;

import dev.strata.crypto.internal.codec.Lz4Compressor;

/**
 * The Markdown table for each benchmark class: what is compared with what, and which goals are checked. A goal
 * whose figure is missing (its benchmark failed) reads "no result", never "met".
 */
final class BenchmarkReports {

    private static final List<String> ENGINE_TARGETS =
            List.of("strata-file", "strata-xodus", "raw-xodus", "lmdb", "rocksdb");

    /** The two directions of the block path; the single steps are shown for where the time goes. */
    private static final List<String> GOAL_OPERATIONS = List.of("compressThenEncrypt", "decryptThenDecompress");

    private BenchmarkReports() {
    }

    /** The table for the results of one benchmark class. */
    static String render(String benchmarkClass, Collection<RunResult> results, String keyValueBaseline) {
        return switch (benchmarkClass) {
            case "EngineBenchmark" -> RateTable.render(results, "entries/s", ENGINE_TARGETS,
                    List.of(EngineBenchmark.BASELINES));
            case "DurableCommitBenchmark" -> durableCommits(results);
            case "MetricsCostBenchmark" -> pairedCost(results, "On", "Off", "gets/s", MetricsCostBenchmark.GOAL_COST);
            case "SerializableCostBenchmark" -> pairedCost(results, "Serializable", "Snapshot", "commits/s",
                    SerializableCostBenchmark.GOAL_COST);
            case "DataLayerBenchmark" -> PairedRatios.render(results, DataLayerBenchmark.PAIRS, "ops/s");
            case "EnvelopeReadCostBenchmark" -> pairedCost(results, "On", "Off", "gets/s",
                    EnvelopeReadCostBenchmark.GOAL_COST);
            case "YcsbBenchmark" -> ycsb(results);
            case "BackupRestoreBenchmark" -> backupRestore(results);
            case "DocumentEncodingBenchmark" -> documentEncoding(results);
            case "PostgresBenchmark" -> RateTable.render(results, "entries/s",
                    List.of(PostgresBenchmark.CACHED, "strata-postgres", PostgresBenchmark.PUT_LOOP, "jdbc"),
                    List.of(new RateTable.Baseline("jdbc"), new RateTable.Baseline("strata-postgres", "hotGets")));
            case "CryptoCompressionBenchmark" -> cryptoCompression(results);
            case "DocumentPeerBenchmark" -> RateTable.render(results, "ops/s", List.of("strata-file", "nitrite"),
                    List.of(new RateTable.Baseline("nitrite")));
            default -> RateTable.render(results, "entries/s", List.of(),
                    List.of(new RateTable.Baseline(keyValueBaseline)));
        };
    }

    /** Against the honest floor (the preallocated raw log); the growing file's ratio beside it. */
    private static String durableCommits(Collection<RunResult> results) {
        Double floor = rate(results, "oneWriter", DurableCommitBenchmark.FLOOR);
        Double growing = rate(results, "oneWriter", DurableCommitBenchmark.GROWING);
        Double xodusOne = rate(results, "oneWriter", "strata-xodus");
        StringBuilder table = new StringBuilder(
                "| target | writers | commits/s | vs raw-force-prealloc (the floor) | vs raw-force (growing file) | goal | verdict |\n"
                + "|---|---:|---:|---:|---:|---|---|\n");
        String[][] rows = {
            {"strata-file", "oneWriter", "1"}, {"strata-file", "eightWriters", "8"},
            {"strata-xodus", "oneWriter", "1"}, {"strata-xodus", "eightWriters", "8"},
            {"strata-xodus-growing", "oneWriter", "1"}, {"raw-force-prealloc", "oneWriter", "1"},
            {"raw-force-prealloc-slot", "oneWriter", "1"}, {"raw-force", "oneWriter", "1"},
        };
        for (String[] row : rows) {
            Double rate = rate(results, row[1], row[0]);
            String goal = "";
            String verdict = "";
            boolean one = row[2].equals("1");
            if (row[0].equals("strata-file") || (row[0].equals("strata-xodus") && one)) {
                double multiple = one ? DurableCommitBenchmark.GOAL_ONE_WRITER : DurableCommitBenchmark.GOAL_EIGHT_WRITERS;
                goal = String.format(Locale.ROOT, ">= %.1fx the floor", multiple);
                verdict = rate == null || floor == null ? "no result" : rate / floor >= multiple ? "met" : "missed";
            } else if (row[0].equals("strata-xodus")) {
                goal = String.format(Locale.ROOT, ">= %.1fx its one-writer rate (%s)",
                        DurableCommitBenchmark.GOAL_XODUS_EIGHT_OVER_ONE, RateTable.ratio(rate, xodusOne));
                verdict = rate == null || xodusOne == null ? "no result"
                        : rate / xodusOne >= DurableCommitBenchmark.GOAL_XODUS_EIGHT_OVER_ONE ? "met" : "missed";
            }
            table.append("| ").append(row[0]).append(" | ").append(row[2]).append(" | ")
                    .append(rate == null ? "-" : String.format(Locale.ROOT, "%,.0f", rate)).append(" | ")
                    .append(RateTable.ratio(rate, floor)).append(" | ").append(RateTable.ratio(rate, growing))
                    .append(" | ").append(goal).append(" | ").append(verdict).append(" |\n");
        }
        return table.toString();
    }

    /**
     * Benchmarks whose two sides ran side by side in one JMH group: per group, the median rate of each side and the
     * median of the per-iteration ratios (subject / baseline), against a goal of at most {@code goalCost} cost.
     */
    private static String pairedCost(Collection<RunResult> results, String subject, String baseline,
            String unit, double goalCost) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "| group | %s (%s) | %s (%s) | median of"
                + " per-iteration %s/%s | cost | goal | verdict |%n|---|---:|---:|---:|---:|---|---|%n",
                subject, unit, baseline, unit, subject, baseline));
        for (RunResult result : results) {
            String group = Medians.operation(result);
            String engine = result.getParams().getParam("engine");
            String reads = result.getParams().getParam("reads");
            String label = engine != null ? group + " (" + engine + ")" : reads != null ? group + " (" + reads + ")" : group;
            java.util.List<Double> on = new java.util.ArrayList<>();
            java.util.List<Double> off = new java.util.ArrayList<>();
            java.util.List<Double> ratios = new java.util.ArrayList<>();
            result.getBenchmarkResults().forEach(b -> b.getIterationResults().forEach(i -> {
                double a = i.getSecondaryResults().get(group + subject).getScore();
                double z = i.getSecondaryResults().get(group + baseline).getScore();
                on.add(a);
                off.add(z);
                ratios.add(a / z);
            }));
            double ratio = median(ratios);
            table.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f (%.2f-%.2f) | %.1f%% | <= %.0f%% | %s |%n",
                    label, median(on), median(off), ratio, ratios.stream().mapToDouble(x -> x).min().orElse(0),
                    ratios.stream().mapToDouble(x -> x).max().orElse(0), (1 - ratio) * 100, goalCost * 100,
                    1 - ratio <= goalCost ? "met" : "missed"));
        }
        return table.toString();
    }

    /** Per target and workload: operations per second (one thread), p99 latency, ratio to tuned RocksDB; goals. */
    private static String ycsb(Collection<RunResult> results) {
        List<String> workloads = List.of("A", "B", "C", "E", "F");
        StringBuilder table = new StringBuilder("| target |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String w : workloads) {
            table.append(" ").append(w).append(" ops/s | p99 µs | vs ").append(YcsbBenchmark.BASELINE).append(" |");
            rule.append("---:|---:|---:|");
        }
        table.append('\n').append(rule).append('\n');
        for (String target : List.of("strata-file", "lmdb", "rocksdb-tuned")) {
            table.append("| ").append(target).append(" |");
            for (String w : workloads) {
                RunResult r = ycsbResult(results, target, w);
                RunResult base = ycsbResult(results, YcsbBenchmark.BASELINE, w);
                table.append(r == null ? " - | - |" : String.format(Locale.ROOT, " %,.0f | %.1f |", Medians.perSecond(r),
                        r.getPrimaryResult().getStatistics().getPercentile(99.0)));
                table.append(' ').append(RateTable.ratio(r == null ? null : Medians.perSecond(r),
                        base == null ? null : Medians.perSecond(base))).append(" |");
            }
            table.append('\n');
        }
        table.append("\n| goal | measured | verdict |\n|---|---|---|\n");
        for (String w : workloads) {
            double goal = w.equals("E") ? 0.8 : 1.0;
            RunResult r = ycsbResult(results, "strata-file", w);
            RunResult base = ycsbResult(results, YcsbBenchmark.BASELINE, w);
            Double ratio = r == null || base == null ? null : Medians.perSecond(r) / Medians.perSecond(base);
            table.append(String.format(Locale.ROOT, "| strata-file >= %.1fx %s on %s | %s | %s |%n", goal,
                    YcsbBenchmark.BASELINE, w, ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio),
                    ratio == null ? "no result" : ratio >= goal ? "met" : "missed"));
        }
        return table.append(String.format(Locale.ROOT, "%n%,d keys; block caches %,d bytes each.%n",
                YcsbBenchmark.KEYS, YcsbBenchmark.cacheBytes())).toString();
    }

    /** Backup against the full scan, restore against batched puts (issue 8: each >= 0.7x). */
    private static String backupRestore(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder("| job | entries/s | against | entries/s | ratio | goal | verdict |\n"
                + "|---|---:|---|---:|---:|---|---|\n");
        for (String[] pair : new String[][] {{"backup", "fullScan"}, {"restore", "batchedPuts"}}) {
            Double job = rate(results, pair[0], null);
            Double base = rate(results, pair[1], null);
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | >= 0.7x | %s |%n", pair[0],
                    job == null ? "-" : String.format(Locale.ROOT, "%,.0f", job), pair[1],
                    base == null ? "-" : String.format(Locale.ROOT, "%,.0f", base), RateTable.ratio(job, base),
                    job == null || base == null ? "no result" : job / base >= 0.7 ? "met" : "missed"));
        }
        return table.toString();
    }

    /** Smile against JSON text, per direction; then the sizes (deterministic). */
    private static String documentEncoding(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder("| direction | json (docs/s) | smile (docs/s) | smile vs json |\n"
                + "|---|---:|---:|---:|\n");
        for (String direction : List.of("encode", "decode")) {
            Double json = rate(results, direction + "Json", null);
            Double smile = rate(results, direction + "Smile", null);
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", direction,
                    json == null ? "-" : String.format(Locale.ROOT, "%,.0f", json),
                    smile == null ? "-" : String.format(Locale.ROOT, "%,.0f", smile), RateTable.ratio(smile, json)));
        }
        return table.append(DocumentEncodingBenchmark.sizes()).toString();
    }

    private static RunResult ycsbResult(Collection<RunResult> results, String target, String workload) {
        for (RunResult result : results) {
            if (target.equals(result.getParams().getParam("target"))
                    && workload.equals(result.getParams().getParam("workload"))) {
                return result;
            }
        }
        return null;
    }

    private static double median(java.util.List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String cryptoCompression(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder("| operation (64 KiB blocks) | ms/MiB | MiB/s | goal | verdict |\n"
                + "|---|---:|---:|---|---|\n");
        for (String op : List.of("compressThenEncrypt", "decryptThenDecompress", "lz4Compress", "lz4Decompress",
                "aesGcmEncrypt")) {
            Double perSecond = rate(results, op, null);
            boolean goalApplies = GOAL_OPERATIONS.contains(op);
            String verdict = !goalApplies ? "" : perSecond == null ? "no result"
                    : 1e3 / perSecond <= CryptoCompressionBenchmark.GOAL_MILLIS_PER_MIB ? "met" : "missed";
            table.append("| ").append(op).append(" | ")
                    .append(perSecond == null ? "-" : String.format(Locale.ROOT, "%.3f", 1e3 / perSecond))
                    .append(" | ").append(perSecond == null ? "-" : String.format(Locale.ROOT, "%,.0f", perSecond))
                    .append(" | ").append(goalApplies ? String.format(Locale.ROOT, "<= %.1f ms/MiB",
                            CryptoCompressionBenchmark.GOAL_MILLIS_PER_MIB) : "")
                    .append(" | ").append(verdict).append(" |\n");
        }
        return table.append(compressionNote()).toString();
    }

    /** The data's LZ4 ratio and the codec implementation, so the ms/MiB can be read in context. */
    private static String compressionNote() {
        Lz4Compressor lz4 = new Lz4Compressor();
        long plain = 0;
        long compressed = 0;
        for (byte[] block : CryptoCompressionBenchmark.blocks()) {
            plain += block.length;
            compressed += lz4.compress(block, 0, block.length).length;
        }
        return String.format(Locale.ROOT, "%nLZ4 (%s) ratio on this data: %.2f (%,d -> %,d bytes).%n",
                lz4.implementation(), (double) plain / compressed, plain, compressed);
    }

    /** The median rate of one operation (and target, unless {@code null}), or {@code null} without a result. */
    private static Double rate(Collection<RunResult> results, String operation, String target) {
        for (RunResult result : results) {
            if (Medians.operation(result).equals(operation)
                    && (target == null || target.equals(result.getParams().getParam("target")))) {
                return Medians.perSecond(result);
            }
        }
        return null;
    }
}
