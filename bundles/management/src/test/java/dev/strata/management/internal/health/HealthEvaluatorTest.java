package dev.strata.management.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.StoreHealth;

import org.junit.jupiter.api.Test;

/** Each rule of a store's health, alone, and the reason it gives. */
class HealthEvaluatorTest {

    private static final long GIB = 1L << 30;
    private static final StoreInfo ONLINE = info(StoreStatus.ONLINE, "");

    private static StoreInfo info(StoreStatus status, String message) {
        return new StoreInfo("orders", "file", status, Durability.FSYNC, message);
    }

    private static StoreMetrics metrics(long walBytes, Map<String, Number> extra) {
        return new StoreMetrics(10, 0, 100, walBytes, 0, 0, "idle", extra, null, 0, null, 0);
    }

    private static HealthInputs inputs(StoreInfo info, StoreMetrics metrics, HealthSettings settings, long usable,
            double errors, double getP99, double commitP99) {
        return new HealthInputs(info, metrics, settings, usable, 100 * GIB, errors, getP99, commitP99);
    }

    private static HealthVerdict healthy(StoreInfo info, StoreMetrics metrics) {
        return HealthEvaluator.evaluate(inputs(info, metrics, HealthSettings.DEFAULTS, 50 * GIB, 0, 100, 100));
    }

    @Test
    void anOnlineStoreWithinEveryThresholdIsHealthy() {
        HealthVerdict verdict = healthy(ONLINE, metrics(0, Map.of("poolWaiting", 0)));
        assertEquals(StoreHealth.HEALTHY, verdict.health());
        assertEquals("", verdict.reason());
        assertEquals(StoreHealth.HEALTHY, healthy(ONLINE, null).health(), "unreadable figures fire no rule");
    }

    @Test
    void aStoreThatDoesNotServeIsDownWithItsStatusMessage() {
        HealthVerdict missing = healthy(info(StoreStatus.UNAVAILABLE, "backend 'file' is not installed"), null);
        assertEquals(StoreHealth.DOWN, missing.health());
        assertEquals("unavailable: backend 'file' is not installed", missing.reason());
        assertEquals(StoreHealth.DOWN, healthy(info(StoreStatus.OPENING, "recovering"), null).health());
        HealthVerdict unreachable = healthy(info(StoreStatus.UNAVAILABLE, "the server is not reachable"), null);
        assertTrue(unreachable.reason().contains("not reachable"), unreachable.reason());
    }

    @Test
    void readOnlyAfterAFailureIsDegradedWithTheEnginesReason() {
        HealthVerdict verdict = healthy(info(StoreStatus.READ_ONLY, "fsync failed on wal-3.log"), null);
        assertEquals(StoreHealth.DEGRADED, verdict.health());
        assertEquals("read-only: fsync failed on wal-3.log", verdict.reason());
    }

    @Test
    void aNearlyFullDiskIsDegradedBelowTheSmallerOfFivePercentAndOneGib() {
        // 100 GiB volume: 5% is 5 GiB, so the default threshold is 1 GiB
        HealthVerdict full = HealthEvaluator.evaluate(inputs(ONLINE, null, HealthSettings.DEFAULTS, GIB - 1, 0, 0, 0));
        assertEquals(StoreHealth.DEGRADED, full.health());
        assertTrue(full.reason().startsWith("disk nearly full: 1023 MiB free"), full.reason());
        assertEquals(StoreHealth.HEALTHY,
                HealthEvaluator.evaluate(inputs(ONLINE, null, HealthSettings.DEFAULTS, GIB, 0, 0, 0)).health());
        HealthSettings tenPercent = HealthSettings.from("orders", Map.of("health.disk.min.free", "10%"));
        assertEquals(StoreHealth.DEGRADED,
                HealthEvaluator.evaluate(inputs(ONLINE, null, tenPercent, 9 * GIB, 0, 0, 0)).health());
        HealthSettings off = HealthSettings.from("orders", Map.of("health.disk.min.free", "0"));
        assertEquals(StoreHealth.HEALTHY, HealthEvaluator.evaluate(inputs(ONLINE, null, off, 1, 0, 0, 0)).health());
    }

    @Test
    void aWalPastItsThresholdIsDegradedAndTheDefaultIsTwiceWalMaxSize() {
        HealthSettings settings = HealthSettings.from("orders", Map.of("wal.max.size", "64m"));
        assertEquals(128L << 20, settings.walMaxBytes());
        assertEquals(256L << 20, HealthSettings.DEFAULTS.walMaxBytes());
        HealthVerdict past = HealthEvaluator.evaluate(inputs(ONLINE, metrics((128L << 20) + 1, null), settings,
                50 * GIB, 0, 0, 0));
        assertEquals(StoreHealth.DEGRADED, past.health());
        assertTrue(past.reason().contains("past health.wal.max 128 MiB"), past.reason());
        assertEquals(StoreHealth.HEALTHY, HealthEvaluator.evaluate(inputs(ONLINE, metrics(128L << 20, null), settings,
                50 * GIB, 0, 0, 0)).health());
    }

    @Test
    void anErrorRateAboveItsThresholdOverTheLastMinuteIsDegraded() {
        HealthVerdict errors = HealthEvaluator.evaluate(inputs(ONLINE, null, HealthSettings.DEFAULTS, 50 * GIB, 2.5,
                0, 0));
        assertEquals(StoreHealth.DEGRADED, errors.health());
        assertEquals("2.5 errors/s over the last minute (health.errors.max 1.0)", errors.reason());
        assertEquals(StoreHealth.HEALTHY, HealthEvaluator.evaluate(inputs(ONLINE, null, HealthSettings.DEFAULTS,
                50 * GIB, Double.NaN, 0, 0)).health(), "no measurement yet is no evidence");
    }

    @Test
    void slowGetsOrCommitsAreDegraded() {
        HealthSettings settings = HealthSettings.from("orders", Map.of("health.latency.max", "200ms"));
        HealthVerdict slow = HealthEvaluator.evaluate(inputs(ONLINE, null, settings, 50 * GIB, 0, 100, 250_000));
        assertEquals(StoreHealth.DEGRADED, slow.health());
        assertEquals("commit p99 250 ms over the last minute (health.latency.max 200 ms)", slow.reason());
        HealthVerdict gets = HealthEvaluator.evaluate(inputs(ONLINE, null, settings, 50 * GIB, 0, 300_000, 0));
        assertTrue(gets.reason().startsWith("get p99 300 ms"), gets.reason());
    }

    @Test
    void threadsWaitingForADatabaseConnectionAreDegraded() {
        HealthVerdict exhausted = healthy(ONLINE, metrics(0, Map.of("poolWaiting", 3, "poolMax", 8)));
        assertEquals(StoreHealth.DEGRADED, exhausted.health());
        assertEquals("connection pool exhausted: 3 thread(s) waiting for a connection (pool of 8)", exhausted.reason());
        HealthSettings tolerant = HealthSettings.from("orders", Map.of("health.pool.waiting.max", "5"));
        assertEquals(StoreHealth.HEALTHY, HealthEvaluator.evaluate(inputs(ONLINE, metrics(0, Map.of("poolWaiting", 3)),
                tolerant, 50 * GIB, 0, 0, 0)).health());
    }

    @Test
    void everyRuleThatFiresIsInTheReason() {
        HealthVerdict verdict = HealthEvaluator.evaluate(inputs(info(StoreStatus.READ_ONLY, "corrupt block"),
                metrics(1L << 40, Map.of("poolWaiting", 1)), HealthSettings.DEFAULTS, 1, 5, 0, 0));
        assertEquals(StoreHealth.DEGRADED, verdict.health());
        assertEquals(5, verdict.reason().split("; ").length, verdict.reason());
    }

    @Test
    void malformedThresholdsAreRefusedWithTheKey() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> HealthSettings.from("orders", Map.of("health.wal.max", "lots")));
        assertTrue(e.getMessage().contains("health.wal.max must be a size"), e.getMessage());
        assertThrows(InvalidArgumentException.class,
                () -> HealthSettings.from("orders", Map.of("health.errors.max", "-1")));
    }
}
