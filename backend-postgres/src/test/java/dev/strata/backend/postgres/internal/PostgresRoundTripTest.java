package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.BackendInfo;
import dev.strata.api.Scan;
import dev.strata.core.internal.ManagedStore;
import dev.strata.core.internal.StoreDefinition;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What core's operations cost in round trips to the server, counted at the driver's socket
 * ({@link CountingSocketFactory}) through the whole stack an application uses (core's {@link ManagedStore} over this
 * backend). A single-call write needs its keys' current records (core's record envelope keeps their creation time and
 * versions): a put or delete reads them, a putAll inserts the new keys and gets the others' records back
 * ({@code putAllIfAbsent}); the begin goes with that first statement ({@code StorageEngine.beginDeferred}), so it is
 * two round trips (BEGIN + snapshot + read or insert; last batch + commit number + COMMIT), whatever the batch's
 * size. An explicit transaction still takes its snapshot when it begins (the API promises that), so the same batch in
 * one costs three.
 * <p>
 * Each figure is the fewest of a few tries: before it hands out a connection idle for more than 500 ms, the pool
 * checks that it is alive (a round trip of its own, which a loaded machine can make happen at any time).
 */
class PostgresRoundTripTest extends ServerTest {

    private static final int TRIES = 3;
    private static final int BATCH = 1_000;

    @TempDir
    Path directory;
    private ManagedStore store;
    private int batches;

    @BeforeEach
    void open() {
        String url = TestServer.url();
        Map<String, Object> settings = new HashMap<>();
        settings.put("name", "trips");
        settings.put("backend", "postgres");
        settings.put("durability", "none");
        settings.put(PostgresSettings.URL, url + (url.contains("?") ? "&" : "?") + "socketFactory="
                + CountingSocketFactory.class.getName());
        settings.put(PostgresSettings.SCHEMA, TestServer.newSchema("trips"));
        StoreDefinition definition = StoreDefinition.from(settings);
        store = new ManagedStore(definition, directory.resolve("trips"));
        PostgresBackend backend = new PostgresBackend();
        store.attach(backend, new BackendInfo("postgres", "test", "0", backend.capabilities()));
        store.putAll(batch()); // the connection's first statements (and their server-side preparation) are not counted
    }

    @AfterEach
    void close() {
        store.detach("test over", 1_000);
    }

    @Test
    void aBatchOfPutsIsTwoRoundTrips() {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++) {
            Map<String, byte[]> batch = batch();
            long before = CountingSocketFactory.roundTrips();
            store.putAll(batch);
            fewest = Math.min(fewest, CountingSocketFactory.roundTrips() - before);
        }
        assertEquals(2, fewest, "Store.putAll of " + BATCH + " keys: begin with the insert of new keys (putAllIfAbsent), commit");
        assertEquals((TRIES + 1) * BATCH, count(), "every batch committed whole");
    }

    /** A batch of present keys: the insert of new keys hands back their records, their overwrites go with COMMIT. */
    @Test
    void aBatchOfOverwritesIsTwoRoundTripsAndKeepsTheRecords() {
        Map<String, byte[]> first = batch();
        store.putAll(first);
        java.time.Instant created = store.metadata("key00001000").orElseThrow().createdAt();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++) {
            Map<String, byte[]> again = new HashMap<>();
            int round = i;
            first.keySet().forEach(key -> again.put(key, text("round " + round)));
            long before = CountingSocketFactory.roundTrips();
            store.putAll(again);
            fewest = Math.min(fewest, CountingSocketFactory.roundTrips() - before);
        }
        assertEquals(2, fewest, "Store.putAll of " + BATCH + " present keys: their records back with the insert, commit");
        assertEquals(TRIES + 1, store.metadata("key00001000").orElseThrow().version(), "every earlier version counted");
        assertEquals(created, store.metadata("key00001000").orElseThrow().createdAt());
        assertArrayEquals(text("round " + (TRIES - 1)), store.get("key00001999").orElseThrow());
    }

    @Test
    void anOverwriteKeepsItsCreationTimeAndCountsItsVersion() {
        store.put("k", text("one"));
        java.time.Instant created = store.metadata("k").orElseThrow().createdAt();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++) {
            long before = CountingSocketFactory.roundTrips();
            store.put("k", text("v" + i));
            fewest = Math.min(fewest, CountingSocketFactory.roundTrips() - before);
        }
        assertEquals(2, fewest, "Store.put: begin with the read of the key's record, commit");
        assertEquals(TRIES + 1, store.metadata("k").orElseThrow().version(), "the read saw every earlier version");
        assertEquals(created, store.metadata("k").orElseThrow().createdAt());
        assertArrayEquals(text("v" + (TRIES - 1)), store.get("k").orElseThrow());

    }

    @Test
    void aDeleteIsTwoRoundTrips() {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++) {
            store.put("d" + i, text("doomed"));
            long before = CountingSocketFactory.roundTrips();
            assertTrue(store.delete("d" + i), "the read of its record saw it");
            fewest = Math.min(fewest, CountingSocketFactory.roundTrips() - before);
            assertFalse(store.get("d" + i).isPresent());
        }
        assertEquals(2, fewest, "Store.delete: begin with the read of the key's record, commit");
    }

    @Test
    void anExplicitTransactionStillTakesItsSnapshotWhenItBegins() {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++) {
            Map<String, byte[]> batch = batch();
            long before = CountingSocketFactory.roundTrips();
            store.inTransaction(tx -> tx.putAll(batch));
            fewest = Math.min(fewest, CountingSocketFactory.roundTrips() - before);
        }
        assertEquals(3, fewest, "inTransaction(putAll): begin (the snapshot), the insert of new keys, commit");
    }

    private Map<String, byte[]> batch() {
        int first = batches++ * BATCH;
        Map<String, byte[]> batch = new HashMap<>();
        for (int i = first; i < first + BATCH; i++) {
            batch.put(String.format("key%08d", i), text("value " + i));
        }
        return batch;
    }

    private long count() {
        try (var cursor = store.scan(Scan.all())) {
            long n = 0;
            while (cursor.hasNext()) {
                cursor.next();
                n++;
            }
            return n;
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
