#!/usr/bin/env bash
# Builds the benchmarks (and what they measure) and prints the table of medians.
#   benchmarks/run.sh            full run (a few minutes per benchmark class)
#   benchmarks/run.sh --quick    fewer iterations, for a smoke test
#   benchmarks/run.sh --include EngineBenchmark     one class (a regex over benchmark names: also
#                                                    'DurableCommitBenchmark', 'CryptoCompressionBenchmark',
#                                                    'EngineBenchmark.randomGets', 'Engine|Durable|Crypto')
# Extra arguments go to dev.strata.benchmarks.BenchmarkTable (--include REGEX, --baseline TARGET). Without
# --include it runs KeyValueBenchmark. Run it on a quiet machine (see README.md: load average below ~1.5).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
mvn -B -q install -DskipTests -pl benchmarks -am
exec java -jar "$here/target/benchmarks.jar" "$@"
