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
            case "CryptoCompressionBenchmark" -> cryptoCompression(results);
            default -> RateTable.render(results, "entries/s", List.of(),
                    List.of(new RateTable.Baseline(keyValueBaseline)));
        };
    }

    private static String durableCommits(Collection<RunResult> results) {
        Double raw = rate(results, "oneWriter", DurableCommitBenchmark.BASELINE);
        StringBuilder table = new StringBuilder(
                "| target | writers | commits/s | vs raw-force (1 writer) | goal | verdict |\n"
                + "|---|---:|---:|---:|---|---|\n");
        String[][] rows = {
            {"strata-file", "oneWriter", "1"}, {"strata-file", "eightWriters", "8"},
            {"strata-xodus", "oneWriter", "1"}, {"strata-xodus", "eightWriters", "8"},
            {"raw-force", "oneWriter", "1"},
        };
        for (String[] row : rows) {
            Double rate = rate(results, row[1], row[0]);
            String goal = "";
            String verdict = "";
            if (row[0].equals("strata-file")) {
                double multiple = row[2].equals("1")
                        ? DurableCommitBenchmark.GOAL_ONE_WRITER : DurableCommitBenchmark.GOAL_EIGHT_WRITERS;
                goal = String.format(Locale.ROOT, ">= %.1fx raw", multiple);
                verdict = rate == null || raw == null ? "no result" : rate / raw >= multiple ? "met" : "missed";
            } else if (!row[0].equals("raw-force")) {
                goal = "(information)";
            }
            table.append("| ").append(row[0]).append(" | ").append(row[2]).append(" | ")
                    .append(rate == null ? "-" : String.format(Locale.ROOT, "%,.0f", rate)).append(" | ")
                    .append(RateTable.ratio(rate, raw)).append(" | ").append(goal).append(" | ").append(verdict)
                    .append(" |\n");
        }
        return table.toString();
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
