package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.document.IndexNotFoundException;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;

/**
 * Full-text search ranked by BM25 as Lucene computes it (k1 = 1.2, b = 0.75, idf = ln(1 + (N - n + 0.5) / (n + 0.5))
 * with N the documents that have the field): a document's score is the sum over fields and query terms of
 * {@code idf * tf / (tf + k1 * (1 - b + b * dl / avgdl))}; a phrase counts its occurrences as tf and the sum of its
 * words' idf as idf; a prefix term scores each word it expands to. Document lengths are rounded as Lucene stores them
 * (one byte per field, {@link LuceneNorms}), so that rankings agree with the reference.
 */
final class TextSearch {

    static final double K1 = 1.2;
    static final double B = 0.75;
    /** A prefix term expands to at most this many words. */
    static final int MAX_EXPANSIONS = 128;

    private TextSearch() {
    }

    /** A posting: a document's length in the field and the positions of the word. */
    record Posting(int length, int[] positions) {
    }

    static List<SearchHit> search(ReadOperations tx, CollectionMeta meta, TextQuery query) {
        IndexMeta index = meta.textIndex().filter(i -> i.state() == IndexState.READABLE).orElseThrow(
                () -> new IndexNotFoundException("collection '" + meta.name() + "' has no readable text index"));
        List<String> fields = query.fields().isEmpty() ? index.definition().fields() : query.fields();
        for (String field : fields) {
            if (!index.definition().fields().contains(field)) {
                throw new InvalidQueryException("field '" + field + "' is not in the text index " + index.definition().fields());
            }
        }
        List<TextQueryParser.Clause> clauses = TextQueryParser.parse(query.text());
        Map<String, long[]> stats = new HashMap<>();
        for (int shard = 0; shard < KeyLayout.SHARDS; shard++) {
            ShardStats.read(tx, meta.uid(), shard).text.forEach((key, pair) -> {
                long[] sum = stats.computeIfAbsent(key, k -> new long[2]);
                sum[0] += pair[0];
                sum[1] += pair[1];
            });
        }
        Map<String, Double> scores = new HashMap<>();
        for (String field : fields) {
            long[] fieldStats = stats.getOrDefault(index.uid() + "/" + field, new long[2]);
            if (fieldStats[0] <= 0) {
                continue;
            }
            double n = fieldStats[0];
            double averageLength = (double) fieldStats[1] / fieldStats[0];
            for (TextQueryParser.Clause clause : clauses) {
                if (clause.prefix()) {
                    for (Map<String, Posting> postings : expand(tx, meta.uid(), index.uid(), field, clause.words().get(0))) {
                        score(postings, idf(n, postings.size()), averageLength, scores, null);
                    }
                } else if (clause.words().size() == 1) {
                    Map<String, Posting> postings = postings(tx, meta.uid(), index.uid(), field, clause.words().get(0));
                    score(postings, idf(n, postings.size()), averageLength, scores, null);
                } else {
                    phrase(tx, meta.uid(), index.uid(), field, clause.words(), n, averageLength, scores);
                }
            }
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Double.compare(b.getValue(), a.getValue()));
        List<SearchHit> hits = new ArrayList<>();
        for (Map.Entry<String, Double> entry : ranked.subList(0, Math.min(ranked.size(), query.limit()))) {
            tx.get(KeyLayout.doc(meta.uid(), entry.getKey())).ifPresent(bytes -> hits.add(
                    new SearchHit(DocumentRecord.decode(entry.getKey(), bytes).toDocument(), entry.getValue())));
        }
        return hits;
    }

    static double idf(double documents, double withTerm) {
        return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
    }

    private static void score(Map<String, Posting> postings, double idf, double averageLength,
            Map<String, Double> scores, Map<String, Integer> frequencies) {
        for (Map.Entry<String, Posting> e : postings.entrySet()) {
            int tf = frequencies == null ? e.getValue().positions().length : frequencies.get(e.getKey());
            double norm = K1 * (1 - B + B * LuceneNorms.quantize(e.getValue().length()) / averageLength);
            scores.merge(e.getKey(), idf * tf / (tf + norm), Double::sum);
        }
    }

    private static void phrase(ReadOperations tx, long uid, long indexUid, String field, List<String> words, double n,
            double averageLength, Map<String, Double> scores) {
        List<Map<String, Posting>> lists = new ArrayList<>();
        double idf = 0;
        for (String word : words) {
            Map<String, Posting> postings = postings(tx, uid, indexUid, field, word);
            lists.add(postings);
            idf += idf(n, postings.size());
        }
        Map<String, Posting> matches = new LinkedHashMap<>();
        Map<String, Integer> frequencies = new HashMap<>();
        for (Map.Entry<String, Posting> first : lists.get(0).entrySet()) {
            int count = 0;
            for (int start : first.getValue().positions()) {
                boolean all = true;
                for (int i = 1; i < lists.size() && all; i++) {
                    Posting other = lists.get(i).get(first.getKey());
                    all = other != null && java.util.Arrays.binarySearch(other.positions(), start + i) >= 0;
                }
                count += all ? 1 : 0;
            }
            if (count > 0) {
                matches.put(first.getKey(), first.getValue());
                frequencies.put(first.getKey(), count);
            }
        }
        score(matches, idf, averageLength, scores, frequencies);
    }

    static Map<String, Posting> postings(ReadOperations tx, long uid, long indexUid, String field, String word) {
        Map<String, Posting> postings = new LinkedHashMap<>();
        try (EntryCursor cursor = tx.scan(Scan.prefix(TextPostings.termPrefix(uid, indexUid, field, word)))) {
            while (cursor.hasNext()) {
                add(cursor.next(), postings);
            }
        }
        return postings;
    }

    /** The postings of every word starting with the prefix, one map per word. */
    private static List<Map<String, Posting>> expand(ReadOperations tx, long uid, long indexUid, String field,
            String prefix) {
        String fieldPrefix = KeyLayout.textPrefix(uid, indexUid) + TupleCodec.encode(field);
        List<Map<String, Posting>> words = new ArrayList<>();
        String currentWord = null;
        try (EntryCursor cursor = tx.scan(Scan.prefix(fieldPrefix + TupleCodec.stringPrefix(prefix)))) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                String word = TupleCodec.decodeString(entry.key(), fieldPrefix.length());
                if (!word.equals(currentWord)) {
                    if (words.size() >= MAX_EXPANSIONS) {
                        break;
                    }
                    words.add(new LinkedHashMap<>());
                    currentWord = word;
                }
                add(entry, words.get(words.size() - 1));
            }
        }
        return words;
    }

    private static void add(Entry entry, Map<String, Posting> postings) {
        String[] parts = new String(entry.value(), StandardCharsets.UTF_8).split("\n", 3);
        String[] positionText = parts[2].split(",");
        int[] positions = new int[positionText.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = Integer.parseInt(positionText[i]);
        }
        postings.put(parts[0], new Posting(Integer.parseInt(parts[1]), positions));
    }
}
