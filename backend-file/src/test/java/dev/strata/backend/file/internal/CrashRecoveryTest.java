package dev.strata.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import dev.strata.api.tck.crash.CrashRecoveryHarness;
import dev.strata.api.tck.crash.CrashRecoveryResult;

import org.junit.jupiter.api.Test;

/**
 * The conformance kit's SIGKILL harness against the file engine with fsync durability: a child JVM commits until
 * killed at a random moment, and every acknowledged transaction must be there whole after recovery. Small memory
 * tables and logs so that kills also land in flushes, manifest replacements and compactions. Cycles: 50 by
 * default, more with {@code -Dstrata.crash.cycles=N}.
 */
class CrashRecoveryTest {

    @Test
    void everyAcknowledgedCommitSurvivesSigkill() {
        CrashRecoveryResult result = CrashRecoveryHarness.runCycles(TestFileBackend.class,
                Map.of("compression", "deflate", "memtable.size", "64k", "wal.maxBytes", "128k",
                        "encryption.keyAlias", "crash"),
                CrashRecoveryHarness.configuredCycles(), new Random(42));
        assertTrue(result.acknowledged() > 0, result.toString());
        assertTrue(result.recovered() >= result.acknowledged(), result.toString());
        System.getLogger(CrashRecoveryTest.class.getName()).log(System.Logger.Level.INFO, result.toString());
    }
}
