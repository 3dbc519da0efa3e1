package dev.strata.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.Query;
import dev.strata.api.document.TextQuery;
import dev.strata.documents.internal.DocumentServiceComponent;

import org.dizitart.no2.Nitrite;
import org.dizitart.no2.collection.Document;
import org.dizitart.no2.collection.FindOptions;
import org.dizitart.no2.collection.NitriteCollection;
import org.dizitart.no2.common.SortOrder;
import org.dizitart.no2.filters.FluentFilter;
import org.dizitart.no2.index.IndexOptions;
import org.dizitart.no2.index.IndexType;
import org.dizitart.no2.mvstore.MVStoreModule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * The document layer on the file engine ({@code strata-file}: documents layer over core's ManagedStore over the
 * file backend, durability {@code none}, its default LZ4 block compression) beside Nitrite 4.3 on its MVStore engine
 * ({@code nitrite}: defaults, auto-commit, no compression), issue 11's peer. The same {@value #DOCS} generated
 * documents ({@code name, city (200 values), age (80 values), text (12 words of 500)}) and the same queries:
 * inserts in batches of {@value #BATCH} into a fresh collection with two value indexes (city, age) and a text index
 * over {@code text}; an indexed equality find (about 100 matches, all read); a range with a sort (two ages, sorted
 * by age, the first 50); a one-word full-text query (the first 20). Neither forces writes to disk. Strata ranks text
 * hits by BM25 and returns the 20 best, Nitrite returns 20 unranked matches: Strata does more work there.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DocumentPeerBenchmark {

    static final int DOCS = 20_000;
    static final int BATCH = 100;
    static final List<Map<String, Object>> DATA = generate();

    static List<Map<String, Object>> generate() {
        Random random = new Random(42);
        String[] words = new String[500];
        for (int i = 0; i < words.length; i++) {
            words[i] = "w" + Integer.toString(i * 7919 % 100_003, 36);
        }
        List<Map<String, Object>> docs = new ArrayList<>(DOCS);
        for (int i = 0; i < DOCS; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                text.append(w == 0 ? "" : " ").append(words[(int) Math.min(499, Math.abs(random.nextGaussian()) * 120)]);
            }
            docs.add(Map.of("name", "user" + i, "city", "c" + random.nextInt(200), "age", random.nextInt(80),
                    "text", text.toString()));
        }
        return docs;
    }

    /** One database of either kind, with the three indexes. */
    static final class Target implements AutoCloseable {
        final String kind;
        StrataStoreTarget strataStore;
        DocumentServiceComponent service;
        DocumentCollection strata;
        ScratchDirectory nitriteDirectory;
        Nitrite nitriteDb;
        NitriteCollection nitrite;

        Target(String kind) {
            this.kind = kind;
            if (kind.equals("strata-file")) {
                strataStore = new StrataStoreTarget("file", "none");
                service = new DocumentServiceComponent();
                strata = service.documents(strataStore.store()).collection("docs");
                for (IndexDefinition index : List.of(IndexDefinition.of("city", "city"), IndexDefinition.of("age", "age"),
                        IndexDefinition.text("text", "text"))) {
                    strata.createIndex(index);
                    strata.awaitIndex(index.name(), java.time.Duration.ofMinutes(1));
                }
            } else {
                nitriteDirectory = new ScratchDirectory("nitrite-bench-");
                nitriteDb = Nitrite.builder().loadModule(MVStoreModule.withConfig()
                        .filePath(nitriteDirectory.path().resolve("docs.db").toFile()).build()).openOrCreate();
                nitrite = nitriteDb.getCollection("docs");
                nitrite.createIndex(IndexOptions.indexOptions(IndexType.NON_UNIQUE), "city");
                nitrite.createIndex(IndexOptions.indexOptions(IndexType.NON_UNIQUE), "age");
                nitrite.createIndex(IndexOptions.indexOptions(IndexType.FULL_TEXT), "text");
            }
        }

        void insertAll() {
            for (int from = 0; from < DOCS; from += BATCH) {
                List<Map<String, Object>> batch = DATA.subList(from, from + BATCH);
                if (strata != null) {
                    strata.insertAll(batch.stream().map(d -> dev.strata.api.document.Document.of(d)).toList());
                } else {
                    Document[] docs = new Document[BATCH];
                    for (int i = 0; i < BATCH; i++) {
                        docs[i] = Document.createDocument();
                        batch.get(i).forEach(docs[i]::put);
                    }
                    nitrite.insert(docs);
                }
            }
        }

        int equality(String city, Blackhole sink) {
            int n = 0;
            if (strata != null) {
                try (DocumentCursor cursor = strata.find(Query.where(Map.of("city", city)))) {
                    while (cursor.hasNext()) {
                        sink.consume(cursor.next());
                        n++;
                    }
                }
            } else {
                for (Document doc : nitrite.find(FluentFilter.where("city").eq(city))) {
                    sink.consume(doc);
                    n++;
                }
            }
            return n;
        }

        int rangeSorted(int age, Blackhole sink) {
            int n = 0;
            if (strata != null) {
                try (DocumentCursor cursor = strata.find(Query.where(Map.of("age", Map.of("$gte", age, "$lt", age + 2)))
                        .sortBy("age").limit(50))) {
                    while (cursor.hasNext()) {
                        sink.consume(cursor.next());
                        n++;
                    }
                }
            } else {
                for (Document doc : nitrite.find(FluentFilter.where("age").gte(age).and(FluentFilter.where("age").lt(age + 2)),
                        FindOptions.orderBy("age", SortOrder.Ascending).limit(50))) {
                    sink.consume(doc);
                    n++;
                }
            }
            return n;
        }

        int text(String word, Blackhole sink) {
            int n = 0;
            if (strata != null) {
                for (var hit : strata.search(TextQuery.of(word).limit(20))) {
                    sink.consume(hit);
                    n++;
                }
            } else {
                for (Document doc : nitrite.find(FluentFilter.where("text").text(word), FindOptions.limitBy(20))) {
                    sink.consume(doc);
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() {
            if (strataStore != null) {
                service.close();
                strataStore.close();
            } else {
                nitriteDb.close();
                nitriteDirectory.close();
            }
        }
    }

    /** A fresh, empty database with the indexes, per iteration. */
    @State(Scope.Benchmark)
    public static class Empty {
        @Param({"strata-file", "nitrite"})
        public String target;
        Target db;

        @Setup(Level.Iteration)
        public void open() {
            db = new Target(target);
        }

        @TearDown(Level.Iteration)
        public void close() {
            db.close();
        }
    }

    /** A database loaded once per fork. */
    @State(Scope.Benchmark)
    public static class Loaded {
        @Param({"strata-file", "nitrite"})
        public String target;
        Target db;
        final Random random = new Random(7);
        final String[] words = generateWords();

        @Setup(Level.Trial)
        public void load() {
            db = new Target(target);
            db.insertAll();
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }

        /** Words that occur (the common ones, as the text generator weights them). */
        static String[] generateWords() {
            String[] words = new String[40];
            for (int i = 0; i < words.length; i++) {
                words[i] = "w" + Integer.toString(i * 3 * 7919 % 100_003, 36);
            }
            return words;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(DOCS)
    public void insertsWithTwoIndexes(Empty state) {
        state.db.insertAll();
    }

    @Benchmark
    public int indexedEqualityFind(Loaded state, Blackhole sink) {
        return state.db.equality("c" + state.random.nextInt(200), sink);
    }

    @Benchmark
    public int rangeFindWithSort(Loaded state, Blackhole sink) {
        return state.db.rangeSorted(state.random.nextInt(78), sink);
    }

    @Benchmark
    public int fullTextQuery(Loaded state, Blackhole sink) {
        return state.db.text(state.words[state.random.nextInt(state.words.length)], sink);
    }

    /** Both databases loaded once per fork, for the group that queries them at the same time. */
    @State(Scope.Benchmark)
    public static class BothLoaded {
        Target strata;
        Target nitrite;
        final String[] words = Loaded.generateWords();

        @Setup(Level.Trial)
        public void load() {
            strata = new Target("strata-file");
            strata.insertAll();
            nitrite = new Target("nitrite");
            nitrite.insertAll();
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            strata.close();
            nitrite.close();
        }
    }

    /** The same one-word queries on both at the same time (a thread each): the ratio sees one machine's load. */
    @Benchmark
    @Group("fullTextSameTime")
    @GroupThreads(1)
    public int fullTextStrata(BothLoaded state, Blackhole sink) {
        return state.strata.text(state.words[java.util.concurrent.ThreadLocalRandom.current().nextInt(state.words.length)],
                sink);
    }

    @Benchmark
    @Group("fullTextSameTime")
    @GroupThreads(1)
    public int fullTextNitrite(BothLoaded state, Blackhole sink) {
        return state.nitrite.text(state.words[java.util.concurrent.ThreadLocalRandom.current().nextInt(state.words.length)],
                sink);
    }
}
