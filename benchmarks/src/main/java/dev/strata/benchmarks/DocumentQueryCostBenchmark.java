package dev.strata.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.Query;
import dev.strata.documents.internal.DocumentServiceComponent;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 11's two cost goals for the document layer, each measured beside its reference in the same run:
 * <ul>
 *   <li>{@code uniqueEqualityQuery} against {@code keyValueGetBesideUnique}: the same, on a collection of the same
 *       documents whose index on {@code email} is declared unique (the index is then read by a point get).</li>
 *   <li>{@code indexedEqualityQuery} against {@code keyValueGet} on the file engine (durability {@code none}): a
 *       {@code find} of one document by an indexed field ({@code email}, unique values, about 100 bytes of JSON per
 *       document) against a {@code Store.get} of a key holding the same document's JSON, the two measured at the
 *       same time in one JMH group (a thread each), so that both see the same machine. Goal: the query takes at
 *       most 2x the get.</li>
 *   <li>{@code twoGetsInOneTransaction} ({@code uniqueFloorVsGet}) and {@code scanAndGetInOneTransaction}
 *       ({@code scanFloorVsGet}), each beside a get: the engine reads of the two queries once the metadata is not
 *       read, without any layer code, so the floor the 2x goal sits on.</li>
 *   <li>{@code filteredStreamingScan} on the memory engine: a {@code find} with a filter on a field no index covers
 *       ({@code age >= 70}, about an eighth match), over {@value #SCAN_DOCS} documents, every match consumed as it
 *       streams; the score is documents examined per second. Goal: at least 1M documents/s.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DocumentQueryCostBenchmark {

    static final int DOCS = 50_000;
    static final int SCAN_DOCS = 200_000;
    static final int BATCH = 500;

    static Map<String, Object> user(int i, Random random) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("email", "user" + i + "@example.org");
        doc.put("name", "User number " + i);
        doc.put("city", "c" + random.nextInt(200));
        doc.put("age", random.nextInt(80));
        doc.put("active", random.nextBoolean());
        return doc;
    }

    static void load(DocumentCollection collection, int count, Random random) {
        for (int from = 0; from < count; from += BATCH) {
            List<Document> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                batch.add(Document.of("u" + i, user(i, random)));
            }
            collection.insertAll(batch);
        }
    }

    /** A file store with the users collection (index on email) and the same documents as plain JSON values. */
    @State(Scope.Benchmark)
    public static class FileUsers {
        StrataStoreTarget target;
        DocumentServiceComponent service;
        DocumentCollection users;
        /** The same documents with a unique index on email (what an application declares for such a field). */
        DocumentCollection accounts;

        @Setup(Level.Trial)
        public void open() {
            target = new StrataStoreTarget("file", "none");
            service = new DocumentServiceComponent();
            users = service.documents(target.store()).collection("users");
            users.createIndex(IndexDefinition.of("by_email", "email"));
            users.awaitIndex("by_email", java.time.Duration.ofMinutes(1));
            load(users, DOCS, new Random(42));
            accounts = service.documents(target.store()).collection("accounts");
            accounts.createIndex(IndexDefinition.unique("by_email", "email"));
            accounts.awaitIndex("by_email", java.time.Duration.ofMinutes(1));
            load(accounts, DOCS, new Random(42));
            Random values = new Random(42);
            for (int from = 0; from < DOCS; from += BATCH) {
                int start = from;
                target.store().inTransaction(tx -> {
                    for (int i = start; i < Math.min(DOCS, start + BATCH); i++) {
                        tx.put("users.u" + i, Document.of(user(i, values)).toJson().getBytes(StandardCharsets.UTF_8));
                    }
                });
            }
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            service.close();
            target.close();
        }
    }

    /** A memory store with {@value #SCAN_DOCS} users and no index but the id. */
    @State(Scope.Benchmark)
    public static class MemoryUsers {
        StrataStoreTarget target;
        DocumentServiceComponent service;
        DocumentCollection users;

        @Setup(Level.Trial)
        public void open() {
            target = new StrataStoreTarget("memory", "none");
            service = new DocumentServiceComponent();
            users = service.documents(target.store()).collection("users");
            load(users, SCAN_DOCS, new Random(42));
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            service.close();
            target.close();
        }
    }

    @Benchmark
    @Group("equalityVsGet")
    @GroupThreads(1)
    public int indexedEqualityQuery(FileUsers state, Blackhole sink) {
        return findRandomUser(state.users, sink);
    }

    @Benchmark
    @Group("equalityVsGet")
    @GroupThreads(1)
    public byte[] keyValueGet(FileUsers state) {
        return getRandomUser(state);
    }

    /** The same query on a unique index: its entry key is the value alone, so the index is read by a point get. */
    @Benchmark
    @Group("uniqueEqualityVsGet")
    @GroupThreads(1)
    public int uniqueEqualityQuery(FileUsers state, Blackhole sink) {
        return findRandomUser(state.accounts, sink);
    }

    @Benchmark
    @Group("uniqueEqualityVsGet")
    @GroupThreads(1)
    public byte[] keyValueGetBesideUnique(FileUsers state) {
        return getRandomUser(state);
    }

    /**
     * The floor under {@code uniqueEqualityQuery} once the metadata is not read: what its engine reads cost without
     * any layer code, two gets of random keys in one read-only transaction (the index entry, the document), beside a
     * get.
     */
    @Benchmark
    @Group("uniqueFloorVsGet")
    @GroupThreads(1)
    public int twoGetsInOneTransaction(FileUsers state) {
        try (Transaction tx = state.target.store().begin(TransactionMode.READ_ONLY)) {
            return tx.get("users.u" + ThreadLocalRandom.current().nextInt(DOCS)).orElseThrow().length
                    + tx.get("users.u" + ThreadLocalRandom.current().nextInt(DOCS)).orElseThrow().length;
        }
    }

    /** The same floor under {@code indexedEqualityQuery}: a scan of a one-key range (the index), then a get. */
    @Benchmark
    @Group("scanFloorVsGet")
    @GroupThreads(1)
    public int scanAndGetInOneTransaction(FileUsers state) {
        try (Transaction tx = state.target.store().begin(TransactionMode.READ_ONLY)) {
            String key = "users.u" + ThreadLocalRandom.current().nextInt(DOCS);
            int n = 0;
            try (EntryCursor cursor = tx.scan(Scan.range(key, key + "\u0000"))) {
                while (cursor.hasNext()) {
                    n += cursor.next().value().length;
                }
            }
            return n + tx.get("users.u" + ThreadLocalRandom.current().nextInt(DOCS)).orElseThrow().length;
        }
    }

    @Benchmark
    @Group("uniqueFloorVsGet")
    @GroupThreads(1)
    public byte[] keyValueGetBesideUniqueFloor(FileUsers state) {
        return getRandomUser(state);
    }

    @Benchmark
    @Group("scanFloorVsGet")
    @GroupThreads(1)
    public byte[] keyValueGetBesideScanFloor(FileUsers state) {
        return getRandomUser(state);
    }

    /** The equality query both groups time: one random user's e-mail, every match consumed. */
    private static int findRandomUser(DocumentCollection collection, Blackhole sink) {
        int n = 0;
        try (DocumentCursor found = collection.find(Query.where(
                Map.of("email", "user" + ThreadLocalRandom.current().nextInt(DOCS) + "@example.org")))) {
            while (found.hasNext()) {
                sink.consume(found.next());
                n++;
            }
        }
        return n;
    }

    /** The key-value get both groups time beside their query. */
    private static byte[] getRandomUser(FileUsers state) {
        return state.target.store().get("users.u" + ThreadLocalRandom.current().nextInt(DOCS)).orElseThrow();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(SCAN_DOCS)
    public int filteredStreamingScan(MemoryUsers state, Blackhole sink) {
        int n = 0;
        try (DocumentCursor found = state.users.find(Query.where(Map.of("age", Map.of("$gte", 70))))) {
            while (found.hasNext()) {
                sink.consume(found.next());
                n++;
            }
        }
        return n;
    }
}
