package dev.strata.benchmarks;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The PostgreSQL backend through the Strata API ({@code strata-postgres}) beside plain JDBC doing the same
 * statements on the same server with the same pool settings ({@code jdbc}, see {@link JdbcTarget}): batched puts
 * ({@value Workload#BATCH} per transaction into an empty table; Strata's with {@code Store.putAll}, in an explicit
 * transaction as {@value #EXPLICIT_TX}, and with {@code put} per key as {@value #PUT_LOOP}), point gets of random
 * existing keys (each one statement in autocommit on both sides: a {@code Store.get} is the engine's one-shot read),
 * repeated gets of a hot set with and without core's read cache ({@value #CACHED}), and full scans. Both write with
 * {@code synchronous_commit = off} (Strata durability {@code none}), so the server's WAL flush does not hide the
 * client's cost. The server is {@link PostgresServer#url()}, on this machine; {@value #KEYS} keys of 16 bytes with
 * 100-byte values. Scores are nanoseconds per entry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PostgresBenchmark {

    /** Keys loaded (a constant: JMH's operations per invocation must be one). */
    static final int KEYS = 100_000;
    private static final int GETS_PER_INVOCATION = 100;
    /** Keys {@link #hotGets} cycles over (the first of the loaded keys). */
    static final int HOT_KEYS = 1_000;
    /** A Strata store with core's read cache ({@code read.cache.size = 16m}: the hot set fits many times). */
    static final String CACHED = "strata-postgres-cached";
    /** Batches as {@code Transaction.put} per key (core then reads each key's current record: a round trip each). */
    static final String PUT_LOOP = "strata-postgres-put-loop";
    /** Batches as {@code inTransaction(tx -> tx.putAll(batch))}: an explicit transaction, its snapshot taken at begin. */
    static final String EXPLICIT_TX = "strata-postgres-tx";
    private static final AtomicInteger STORES = new AtomicInteger();

    /** The first {@link #KEYS} keys of the shared workload. */
    private static final Workload WORKLOAD = new Workload(KEYS);

    static KeyValueTarget create(String target) {
        String name = "pgbench" + ProcessHandle.current().pid() + "_" + STORES.incrementAndGet();
        return switch (target) {
            case "strata-postgres" -> new DroppingStrataStore(name, Map.of());
            case CACHED -> new DroppingStrataStore(name, Map.of("read.cache.size", "16m"));
            case EXPLICIT_TX -> new DroppingStrataStore(name, Map.of()) {
                @Override
                public void putBatch(String[] keys, int from, int to, byte[] value) {
                    Map<String, byte[]> batch = batch(keys, from, to, value);
                    store.store().inTransaction(tx -> tx.putAll(batch));
                }
            };
            case PUT_LOOP -> new DroppingStrataStore(name, Map.of()) {
                @Override
                public void putBatch(String[] keys, int from, int to, byte[] value) {
                    store.putBatch(keys, from, to, value);
                }
            };
            case "jdbc" -> new JdbcTarget(name, "off");
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    /** A Strata store on the server whose tables are dropped when it closes. */
    static class DroppingStrataStore implements KeyValueTarget {
        final StrataStoreTarget store;
        private final String name;

        DroppingStrataStore(String name, Map<String, Object> settings) {
            this.name = name;
            Map<String, Object> all = new java.util.HashMap<>(settings);
            all.put("name", name);
            all.put("postgres.url", PostgresServer.url());
            this.store = new StrataStoreTarget("postgres", "none", all);
        }

        /**
         * One {@code Store.putAll} per batch, the API's batched put (one transaction, retried on conflict): core reads
         * the keys' current records (for their metadata) in one batched read, where {@code put} per key would cost a
         * server round trip each, and the engine sends the begin with that read (a single-call write's snapshot may
         * be taken by its first read: {@code StorageEngine.beginDeferred}). Until run 9 this was
         * {@code inTransaction(tx -> tx.putAll(batch))}, the same work with the snapshot taken at begin (one round
         * trip more); {@value #EXPLICIT_TX} keeps measuring that.
         */
        @Override
        public void putBatch(String[] keys, int from, int to, byte[] value) {
            store.store().putAll(batch(keys, from, to, value));
        }

        static Map<String, byte[]> batch(String[] keys, int from, int to, byte[] value) {
            Map<String, byte[]> batch = new java.util.HashMap<>(2 * (to - from));
            for (int i = from; i < to; i++) {
                batch.put(keys[i], value);
            }
            return batch;
        }

        @Override
        public byte[] get(String key) {
            return store.get(key);
        }

        @Override
        public long scanAll() {
            return store.scanAll();
        }

        @Override
        public void close() {
            store.close();
            PostgresServer.dropStrataStore(name);
        }
    }

    @State(Scope.Benchmark)
    public static class Empty {
        @Param({"strata-postgres", EXPLICIT_TX, PUT_LOOP, "jdbc"})
        public String target;
        KeyValueTarget store;

        @Setup(Level.Iteration)
        public void open() {
            store = create(target);
        }

        @TearDown(Level.Iteration)
        public void close() {
            store.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Loaded {
        @Param({"strata-postgres", "jdbc"})
        public String target;
        KeyValueTarget store;
        int[] order;
        int next;

        @Setup(Level.Trial)
        public void load() {
            store = create(target);
            WORKLOAD.putEveryKey(store);
            PostgresServer.execute("VACUUM ANALYZE");
            order = Workload.randomOrder(KEYS);
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** A loaded store for repeated gets of a hot set: with and without core's read cache, and plain JDBC. */
    @State(Scope.Benchmark)
    public static class HotSet {
        @Param({CACHED, "strata-postgres", "jdbc"})
        public String target;
        KeyValueTarget store;

        @Setup(Level.Trial)
        public void load() {
            store = create(target);
            WORKLOAD.putEveryKey(store);
            PostgresServer.execute("VACUUM ANALYZE");
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(KEYS)
    public void batchedPuts(Empty state) {
        WORKLOAD.putEveryKey(state.store);
    }

    /**
     * The same batches over keys that are all there already: Strata's batch then finds every key present (the
     * engine's insert of absent keys skips them all and hands their records back to be rewritten), JDBC's upsert
     * updates every row.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(KEYS)
    public void batchedOverwrites(Loaded state) {
        WORKLOAD.putEveryKey(state.store);
    }

    @Benchmark
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void pointGets(Loaded state, Blackhole sink) {
        int at = state.next;
        for (int i = 0; i < GETS_PER_INVOCATION; i++) {
            sink.consume(state.store.get(WORKLOAD.keys[state.order[at]]));
            at = at + 1 == state.order.length ? 0 : at + 1;
        }
        state.next = at;
    }

    /** Gets cycling over {@value #HOT_KEYS} keys: the read cache's case (after the first pass every get hits). */
    @Benchmark
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void hotGets(HotSet state, Blackhole sink) {
        for (int i = 0; i < GETS_PER_INVOCATION; i++) {
            sink.consume(state.store.get(WORKLOAD.keys[ThreadLocalRandom.current().nextInt(HOT_KEYS)]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public long fullScan(Loaded state) {
        return state.store.scanAll();
    }
}
