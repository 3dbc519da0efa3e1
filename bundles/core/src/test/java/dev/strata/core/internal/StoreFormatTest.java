package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.Durability;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyMetadata;
import dev.strata.api.Scan;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stores written before values had a record envelope (raw values straight through the SPI, as the previous core
 * wrote them) open through today's core with no step by an operator: upgraded in place, in batches by core's
 * maintenance ({@link #finishUpgrade}), resuming an upgrade a crash cut short; an empty store is format 2 at once.
 * The online side (reads and writes while it runs) is {@link OnlineUpgradeTest}.
 */
class StoreFormatTest {

    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(T0);

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes raw entries through the SPI, as the older core did (it stored the user's bytes as they were). */
    private void writeRaw(Engines engine, Map<byte[], byte[]> entries) throws Exception {
        Path directory = dir.resolve(engine.type());
        Files.createDirectories(directory);
        try (StorageEngine raw = engine.backend().get().open(new EngineConfig("fmt", directory,
                Durability.valueOf(engine.durability().toUpperCase(java.util.Locale.ROOT)),
                Map.of("compression", "none")));
             EngineTransaction tx = raw.begin(TransactionMode.READ_WRITE)) {
            entries.forEach(tx::put);
            tx.commit();
        }
    }

    private static List<String> scanAll(ManagedStore store) {
        List<String> found = new ArrayList<>();
        try (EntryCursor cursor = store.scan(Scan.all())) {
            cursor.forEachRemaining(e -> found.add(e.key() + "=" + new String(e.value(), StandardCharsets.UTF_8)));
        }
        return found;
    }

    /** Runs the upgrade as core's maintenance would, to its end. */
    static void finishUpgrade(ManagedStore store) {
        for (int run = 0; upgrading(store); run++) {
            if (run > 10_000) {
                throw new AssertionError("the format upgrade did not finish");
            }
            store.upgradeFormat(1_000);
        }
    }

    static boolean upgrading(ManagedStore store) {
        return store.metrics().extra().get("format.upgrading").intValue() == 1;
    }

    static byte[] marker(ManagedStore store) {
        try (EngineTransaction tx = store.engine().orElseThrow().begin(TransactionMode.READ_ONLY)) {
            return tx.get(CoreKeys.FORMAT_MARKER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#persistentOnes")
    void aStoreOfTheOlderFormatIsUpgradedInBatches(Engines engine) throws Exception {
        int count = StoreFormat.BATCH * 2 + 77;
        Map<byte[], byte[]> raw = new java.util.LinkedHashMap<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = String.format("k%05d", i);
            raw.put(b(key), b("v" + i));
            expected.add(key + "=v" + i);
        }
        raw.put(b("empty"), new byte[0]);
        expected.add("empty=");
        expected.sort(String::compareTo);
        writeRaw(engine, raw);
        ManagedStore store = engine.open(dir, "fmt", clock);
        try {
            finishUpgrade(store);
            assertArrayEquals(new byte[] {RecordCodec.FORMAT_2}, marker(store));
            assertEquals(count + 1, store.metrics().extra().get("format.upgraded").longValue());
            assertEquals(expected, scanAll(store));
            assertArrayEquals(new byte[0], store.get("empty").orElseThrow());
            assertEquals(new KeyMetadata(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0), null, Set.of(), 1, 2),
                    store.metadata("k00001").orElseThrow(), "an upgraded key was created at the upgrade");
            store.put("k00001", b("new"), Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(count, scanAll(store).size(), "k00001 expired, the rest stay");
        } finally {
            store.detach("test over", 5_000);
        }
        ManagedStore again = engine.open(dir, "fmt", clock);
        try {
            assertEquals(false, upgrading(again), "reopening upgrades nothing twice");
            assertEquals(count, scanAll(again).size());
            assertEquals("v2", new String(again.get("k00002").orElseThrow(), StandardCharsets.UTF_8));
        } finally {
            again.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#persistentOnes")
    void anUpgradeCutShortCarriesOnFromItsWatermark(Engines engine) throws Exception {
        Map<byte[], byte[]> state = new java.util.LinkedHashMap<>();
        long before = T0 - 60_000;
        // keys below the watermark "c" were wrapped by the interrupted run, the rest are still raw
        state.put(b("a"), RecordCodec.encode(before, before, 3, 0, Set.of("t"), b("A")));
        state.put(b("b"), RecordCodec.encode(before, before, 1, 0, Set.of(), b("B")));
        state.put(b("c"), b("C"));
        state.put(b("d"), b("D"));
        byte[] watermark = {1, 'c'};
        state.put(CoreKeys.FORMAT_MARKER, watermark);
        writeRaw(engine, state);
        ManagedStore store = engine.open(dir, "fmt", clock);
        try {
            assertEquals(List.of("a=A", "b=B", "c=C", "d=D"), scanAll(store), "read while the upgrade waits");
            finishUpgrade(store);
            assertEquals(List.of("a=A", "b=B", "c=C", "d=D"), scanAll(store));
            assertEquals(3, store.metadata("a").orElseThrow().version(), "a wrapped record is not wrapped again");
            assertEquals(Set.of("t"), store.metadata("a").orElseThrow().tags());
            assertEquals(Instant.ofEpochMilli(T0), store.metadata("d").orElseThrow().createdAt());
            assertArrayEquals(new byte[] {RecordCodec.FORMAT_2}, marker(store));
        } finally {
            store.detach("test over", 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void anEmptyStoreIsFormatTwoAtOnceAndCoresRecordsStayOutOfUserScans(Engines engine) {
        ManagedStore store = engine.open(dir, "fmt", clock);
        try {
            assertArrayEquals(new byte[] {RecordCodec.FORMAT_2}, marker(store));
            store.put("x", b("1"), Duration.ofHours(1));
            assertEquals(List.of("x=1"), scanAll(store), "neither the marker nor the index entry is listed");
            assertEquals(List.of("x"), store.scan(Scan.all().reverse()).stream().map(e -> e.key()).toList());
            assertNull(store.get("\u00ff").orElse(null));
        } finally {
            store.detach("test over", 5_000);
        }
    }
}
