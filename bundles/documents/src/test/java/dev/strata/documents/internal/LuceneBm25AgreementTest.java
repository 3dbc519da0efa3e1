package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text index ranks like Lucene 9.12's BM25 (k1 = 1.2, b = 0.75, StandardAnalyzer without stop words) on a fixed
 * corpus: over a set of one- to three-word queries on two fields, the top 10 hits overlap by at least 0.9 on average.
 * (Lucene stores document lengths in one byte, so near ties can order differently.)
 */
class LuceneBm25AgreementTest {

    static final String[] WORDS = ("storage engine index query planner document collection text search ranking "
            + "transaction commit snapshot isolation durable log segment block cache compression cipher key value "
            + "range scan cursor shard fence builder background field token phrase prefix score").split(" ");

    @TempDir
    Path directory;

    @Test
    void topTenAgreesWithLucene() throws Exception {
        Random random = new Random(42);
        List<String[]> corpus = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            corpus.add(new String[] {String.format("doc%03d", i), sentence(random, 3 + random.nextInt(6)),
                    sentence(random, 10 + random.nextInt(60))});
        }
        List<String> queries = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            queries.add(sentence(random, 1 + q % 3));
        }
        ManagedStore store = EngineStores.open("memory", directory);
        try (DocumentServiceComponent service = new DocumentServiceComponent();
                ByteBuffersDirectory lucene = new ByteBuffersDirectory()) {
            DocumentCollection c = service.documents(store).createCollection("corpus");
            StandardAnalyzer analyzer = new StandardAnalyzer();
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity(1.2f, 0.75f));
            try (IndexWriter writer = new IndexWriter(lucene, config)) {
                for (String[] doc : corpus) {
                    c.insert(Document.of(doc[0], Map.of("title", doc[1], "body", doc[2])));
                    org.apache.lucene.document.Document ld = new org.apache.lucene.document.Document();
                    ld.add(new StringField("id", doc[0], Field.Store.YES));
                    ld.add(new TextField("title", doc[1], Field.Store.NO));
                    ld.add(new TextField("body", doc[2], Field.Store.NO));
                    writer.addDocument(ld);
                }
            }
            c.createIndex(IndexDefinition.text("text", "title", "body"));
            c.awaitIndex("text", java.time.Duration.ofSeconds(60));
            try (DirectoryReader reader = DirectoryReader.open(lucene)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity(1.2f, 0.75f));
                double total = 0;
                for (String query : queries) {
                    BooleanQuery.Builder bool = new BooleanQuery.Builder();
                    for (String word : query.split(" ")) {
                        for (String field : List.of("title", "body")) {
                            bool.add(new TermQuery(new Term(field, word)), BooleanClause.Occur.SHOULD);
                        }
                    }
                    Set<String> expected = new HashSet<>();
                    for (ScoreDoc hit : searcher.search(bool.build(), 10).scoreDocs) {
                        expected.add(searcher.storedFields().document(hit.doc).get("id"));
                    }
                    Set<String> actual = new HashSet<>();
                    for (SearchHit hit : c.search(TextQuery.of(query).limit(10))) {
                        actual.add(hit.document().id());
                    }
                    Set<String> common = new HashSet<>(expected);
                    common.retainAll(actual);
                    total += (double) common.size() / Math.max(1, expected.size());
                }
                double overlap = total / queries.size();
                System.out.printf("BM25 top-10 overlap with Lucene over %d queries: %.3f%n", queries.size(), overlap);
                assertTrue(overlap >= 0.9, "overlap " + overlap);
            }
        } finally {
            EngineStores.close(store);
        }
    }

    private static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            // a skewed choice, so that some words are common and others rare
            int index = (int) (WORDS.length * Math.pow(random.nextDouble(), 2));
            out.append(i == 0 ? "" : " ").append(WORDS[index]);
        }
        return out.toString();
    }
}
