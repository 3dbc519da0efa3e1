/**
 * JMH benchmarks. {@link dev.strata.benchmarks.BenchmarkTable} runs them and prints one table of medians with
 * ratios against the baselines measured in the same run; {@code benchmarks/run.sh} builds and runs it.
 */
package dev.strata.benchmarks;
