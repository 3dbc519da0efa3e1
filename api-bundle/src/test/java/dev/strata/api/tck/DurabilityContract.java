package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.tck.crash.CrashRecoveryHarness;
import dev.strata.api.tck.crash.CrashRecoveryResult;

import org.junit.jupiter.api.Test;

/**
 * Every durability level the backend declares is exercised: commits at that level are readable, survive a clean
 * close and reopen (persistent backends), and — for {@code os} and {@code fsync} on a persistent backend — survive
 * the writer's process being killed with SIGKILL at random moments ({@link CrashRecoveryHarness}: every
 * acknowledged transaction is there whole, none is there in part). The crash part starts the backend in child
 * JVMs through {@link EngineFixture#childJvmBackend()}; it runs {@value #DEFAULT_CRASH_CYCLES} cycles per level by
 * default so that the kit stays fast, more with {@code -D}{@value #CRASH_CYCLES_PROPERTY}{@code =N}.
 */
public interface DurabilityContract extends EngineContract {

    String CRASH_CYCLES_PROPERTY = "strata.tck.crash.cycles";
    int DEFAULT_CRASH_CYCLES = 3;

    @Test
    default void everyDeclaredDurabilityLevelKeepsItsCommits() {
        for (Durability level : Durability.values()) {
            if (!fixture().backend().capabilities().supports(level)) {
                continue;
            }
            try (EngineFixture atLevel = fixture().at(level)) {
                StorageEngine engine = atLevel.engine();
                for (int i = 0; i < 20; i++) {
                    try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                        tx.put(bytes("d" + i), bytes(level + "-" + i));
                        if (i > 0 && i % 5 == 0) {
                            tx.delete(bytes("d" + (i - 1)));
                        }
                        tx.commit();
                    }
                }
                assertEntries(engine, level, "before close");
                if (atLevel.persistent()) {
                    assertEntries(atLevel.reopen(), level, "after a clean close and reopen");
                }
            }
        }
    }

    private static void assertEntries(StorageEngine engine, Durability level, String when) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            for (int i = 0; i < 20; i++) {
                byte[] value = tx.get(bytes("d" + i));
                if (i % 5 == 4 && i < 19) {
                    assertNull(value, "at durability " + level + ", " + when + ": d" + i + " was deleted");
                } else {
                    assertEquals(level + "-" + i, text(value), "at durability " + level + ", " + when + ": d" + i);
                }
            }
        }
    }

    @Test
    default void acknowledgedCommitsSurviveSigkillAtEveryDeclaredLevel() throws Exception {
        assumeTrue(fixture().persistent(), "backend is not persistent");
        Class<? extends dev.strata.api.spi.StorageBackend> backendClass = fixture().childJvmBackend();
        assumeTrue(backendClass != null, "the fixture names no backend class for a child JVM "
                + "(EngineFixture.childJvmBackend)");
        int cycles = Integer.getInteger(CRASH_CYCLES_PROPERTY, DEFAULT_CRASH_CYCLES);
        boolean ran = false;
        for (Durability level : new Durability[] {Durability.FSYNC, Durability.OS}) {
            if (!fixture().backend().capabilities().supports(level)) {
                continue;
            }
            Path root = Files.createTempDirectory("strata-tck-crash-");
            CrashRecoveryResult result = CrashRecoveryHarness.runCycles(backendClass, fixture().properties(), level,
                    root, cycles, new Random(level.ordinal() + 17L));
            assertTrue(result.acknowledged() > 0, "at durability " + level + " the writer acknowledged nothing: "
                    + result);
            assertTrue(result.recovered() >= result.acknowledged(), "at durability " + level
                    + ", fewer transactions recovered than acknowledged: " + result);
            EngineFixture.deleteRecursively(root);
            ran = true;
        }
        assumeTrue(ran, "backend declares neither os nor fsync durability");
    }
}
