package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/** The figures come from the server: exact live keys, table bytes, WAL written since open, cache use, the pool. */
class PostgresMetricsTest extends ServerEngineTest {

    PostgresMetricsTest() {
        super("metrics");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void figuresFollowTheWrites() {
        EngineMetrics before = fixture.engine().metrics();
        assertEquals(0, before.keys());
        try (EngineTransaction tx = fixture.engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 2_000; i++) {
                tx.put(("key" + i).getBytes(StandardCharsets.UTF_8), new byte[200]);
            }
            tx.commit();
        }
        try (EngineTransaction tx = fixture.engine().begin(TransactionMode.READ_WRITE)) {
            tx.put("key1x".getBytes(StandardCharsets.UTF_8), new byte[1]); // held, then covered by the range delete
            // key1, key10..key19, key100..key199, key1000..key1999 (and the held key1x): one statement
            assertEquals(1_112, tx.deleteRange(KeyRange.prefix("key1".getBytes(StandardCharsets.UTF_8))));
            tx.commit();
        }
        try (EngineTransaction tx = fixture.engine().begin(TransactionMode.READ_ONLY)) {
            for (int i = 0; i < 2_000; i += 7) {
                tx.get(("key" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        EngineMetrics after = fixture.engine().metrics();
        // sessions hand their block counts to the statistics collector at most once a second, or after 10 s idle
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (after.cacheHits() <= 0 && System.nanoTime() < deadline) {
            sleep(250);
            after = fixture.engine().metrics();
        }
        assertEquals(2_000 - 1_111, after.keys(), "exact count of live keys (deleted rows not counted)");
        assertTrue(after.diskBytes() > 2_000 * 200, "table and index bytes: " + after.diskBytes());
        assertTrue(after.walBytes() > 2_000 * 200, "WAL written since open: " + after.walBytes());
        assertTrue(after.cacheHits() > 0, "buffer cache hits from pg_statio: " + after.cacheHits());
        assertEquals(1, after.extra().get("serverReachable").intValue());
        assertTrue(after.extra().get("poolTotal").intValue() >= 1, after.extra().toString());
        assertEquals(8, after.extra().get("poolMax").intValue());
    }

    @Test
    void tableAndIndexBytesAreReportedApartAndTheIndexGrowsWithKeys() {
        putKeys(0, 500, 1_000);
        EngineMetrics few = fixture.engine().metrics();
        long table = few.extra().get(ServerMetrics.TABLE_BYTES).longValue();
        long index = few.extra().get(ServerMetrics.INDEX_BYTES).longValue();
        assertTrue(table > 500 * 1_000, "the data table holds the values: " + few.extra());
        assertTrue(index > 0 && index < table, "the key index is smaller than the values' table: " + few.extra());
        assertTrue(few.diskBytes() >= table + index, "the combined figure covers both: " + few.diskBytes());
        // many more keys with tiny values: the key index grows, and by more than the values could explain
        putKeys(500, 20_000, 1);
        EngineMetrics many = fixture.engine().metrics();
        long moreIndex = many.extra().get(ServerMetrics.INDEX_BYTES).longValue();
        assertTrue(moreIndex > index + 20_000 * 16, "index bytes grow with keys: " + index + " -> " + moreIndex);
        assertTrue(many.extra().get(ServerMetrics.TABLE_BYTES).longValue() >= table, many.extra().toString());
    }

    private void putKeys(int from, int count, int valueSize) {
        try (EngineTransaction tx = fixture.engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = from; i < from + count; i++) {
                tx.put(String.format("key%08d", i).getBytes(StandardCharsets.UTF_8), new byte[valueSize]);
            }
            tx.commit();
        }
    }
}
