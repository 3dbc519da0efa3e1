package dev.strata.management.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.OperationStats;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;
import dev.strata.api.StoreStatus;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void figuresBecomeLabelledSeriesAndUntrackedOnesAreLeftOut() {
        StoreMetrics files = new StoreMetrics(42, -1, 4096, 512, 90, 10, "idle", Map.of(),
                Map.of("get", new OperationStats(1000, 2, 10, 20, 35.5, 80)), 3,
                Map.of("CorruptionException", 2L), 0);
        String text = PrometheusText.of(List.of(
                new StoreInfo("files", "file", StoreStatus.ONLINE, Durability.FSYNC, ""),
                new StoreInfo("gone", "example", StoreStatus.UNAVAILABLE, Durability.OS, "not installed")),
                Map.of("files", files));
        assertTrue(text.contains("strata_store_up{store=\"files\"} 1\n"), text);
        assertTrue(text.contains("strata_store_up{store=\"gone\"} 0\n"), text);
        assertTrue(text.contains("strata_store_keys{store=\"files\"} 42\n"), text);
        assertFalse(text.contains("strata_store_memory_bytes{"), "an untracked figure (-1) has no series");
        assertTrue(text.contains("strata_store_operations_total{store=\"files\",operation=\"get\"} 1000\n"), text);
        assertTrue(text.contains("strata_store_latency_seconds{store=\"files\",operation=\"get\",quantile=\"0.99\"} 3.55000000e-05\n"), text);
        assertTrue(text.contains("strata_store_errors_total{store=\"files\",type=\"CorruptionException\"} 2\n"), text);
        assertTrue(text.contains("# TYPE strata_store_conflicts_total counter\n"), text);
    }
}
