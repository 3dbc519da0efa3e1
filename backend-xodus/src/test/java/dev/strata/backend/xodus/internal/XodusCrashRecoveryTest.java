package dev.strata.backend.xodus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import dev.strata.api.Durability;
import dev.strata.api.tck.crash.CrashRecoveryHarness;
import dev.strata.api.tck.crash.CrashRecoveryResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a writer JVM at random moments and reopen the store: every acknowledged commit is there, whole. Cycles
 * from {@code -Dstrata.crash.cycles} (50 by default); the seed from {@code -Dstrata.crash.seed} to replay a run.
 */
class XodusCrashRecoveryTest {

    private final long seed = Long.getLong("strata.crash.seed", System.nanoTime());

    @Test
    void everyAcknowledgedFsyncCommitSurvivesSigkill() {
        int cycles = CrashRecoveryHarness.configuredCycles();
        // small log files so that recovery also crosses file boundaries
        CrashRecoveryResult result = CrashRecoveryHarness.runCycles(XodusBackend.class,
                Map.of(XodusStoreSettings.LOG_FILE_SIZE, "1m"), cycles, new Random(seed));
        System.out.println("xodus fsync, seed " + seed + ": " + result);
        assertEquals(cycles, result.cycles());
        assertTrue(result.acknowledged() >= cycles, "every cycle acknowledged at least one commit: " + result);
        assertTrue(result.recovered() >= result.acknowledged(), result.toString());
    }

    @Test
    void osDurabilityCommitsSurviveAProcessKillToo(@TempDir Path root) {
        int cycles = Math.max(1, CrashRecoveryHarness.configuredCycles() / 5);
        CrashRecoveryResult result = CrashRecoveryHarness.runCycles(XodusBackend.class, Map.of(), Durability.OS,
                root, cycles, new Random(seed + 1));
        System.out.println("xodus os, seed " + (seed + 1) + ": " + result);
        assertTrue(result.recovered() >= result.acknowledged(), result.toString());
    }
}
