package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.document.IndexNotFoundException;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;
import dev.strata.documents.internal.PostingBlock.Posting;

/**
 * Full-text search ranked by BM25 as Lucene computes it (k1 = 1.2, b = 0.75, idf = ln(1 + (N - n + 0.5) / (n + 0.5))
 * with N the documents that have the field): a document's score is the sum over fields and query terms of
 * {@code idf * tf / (tf + k1 * (1 - b + b * dl / avgdl))}; a phrase counts its occurrences as tf and the sum of its
 * words' idf as idf; a prefix term scores each word it expands to. Document lengths are rounded as Lucene stores them
 * (one byte per field, {@link LuceneNorms}), so that rankings agree with the reference.
 *
 * <p>A word's postings are read as its blocks (at most {@link TextPostings#BUCKETS} keys, positions decoded only for
 * phrases), the statistics in one scan of the shards, the best {@code limit} kept in a heap, and only those documents
 * are read. Postings an index kept before blocks (one key per document) are read too, until their documents are
 * rewritten.
 */
final class TextSearch {

    static final double K1 = 1.2;
    static final double B = 0.75;
    /** A prefix term expands to at most this many words. */
    static final int MAX_EXPANSIONS = 128;

    private TextSearch() {
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
        Map<String, long[]> stats = ShardStats.textTotals(tx, meta.uid());
        List<Contribution> contributions = new ArrayList<>();
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
                        contributions.add(new Contribution(postings, null, idf(n, postings.size()), averageLength, null));
                    }
                } else if (clause.words().size() == 1) {
                    contributions.add(word(tx, meta.uid(), index.uid(), field, clause.words().get(0), n, averageLength));
                } else {
                    contributions.add(phrase(tx, meta.uid(), index.uid(), field, clause.words(), n, averageLength));
                }
            }
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Scored entry : best(contributions, query.limit())) {
            tx.get(KeyLayout.doc(meta.uid(), entry.id())).ifPresent(bytes -> hits.add(
                    new SearchHit(DocumentRecord.decode(entry.id(), bytes).toDocument(), entry.score())));
        }
        return hits;
    }

    /**
     * The postings of one word (or phrase) in one field, with its idf; phrases count their own frequencies. A word
     * whose postings are all in blocks keeps the blocks undecoded ({@code blocks}, {@code postings} null) until
     * {@link #postings()} is asked for.
     */
    private static final class Contribution {
        private Map<String, Posting> postings;
        private final List<byte[]> blocks;
        private final double idf;
        private final double averageLength;
        private final Map<String, Integer> frequencies;

        Contribution(Map<String, Posting> postings, List<byte[]> blocks, double idf, double averageLength,
                Map<String, Integer> frequencies) {
            this.postings = postings;
            this.blocks = blocks;
            this.idf = idf;
            this.averageLength = averageLength;
            this.frequencies = frequencies;
        }

        Map<String, Posting> postings() {
            if (postings == null) {
                postings = new HashMap<>();
                blocks.forEach(block -> PostingBlock.read(block, false, postings::put));
            }
            return postings;
        }

        double score(String id, Posting posting) {
            return score(frequencies == null ? posting.tf() : frequencies.get(id), posting.length());
        }

        double score(int tf, int length) {
            double norm = K1 * (1 - B + B * LuceneNorms.quantize(length) / averageLength);
            return idf * tf / (tf + norm);
        }
    }

    private record Scored(String id, double score) {
    }

    /** Better first: the higher score, then the smaller id. */
    private static final java.util.Comparator<Scored> BETTER = (a, b) -> a.score() == b.score()
            ? a.id().compareTo(b.id()) : Double.compare(b.score(), a.score());

    /**
     * The {@code limit} best documents, best first (ties by id), through a heap of that size. With one contribution
     * (a one-word query on one field, the common case) each posting is scored straight into the heap; otherwise
     * the scores are summed per document first.
     */
    private static List<Scored> best(List<Contribution> contributions, int limit) {
        PriorityQueue<Scored> heap = new PriorityQueue<>(Math.max(1, limit) + 1, BETTER.reversed());
        if (contributions.size() == 1 && contributions.get(0).blocks != null) {
            // one word in one field, all in blocks: scored from the encoded postings, an id made into a String
            // only when its score can enter the heap
            Contribution only = contributions.get(0);
            for (byte[] block : only.blocks) {
                PostingBlock.readRaw(block, (bytes, idOffset, idLength, length, tf) -> {
                    double score = only.score(tf, length);
                    if (limit > 0 && heap.size() >= limit && score < heap.peek().score()) {
                        return;
                    }
                    offer(heap, new String(bytes, idOffset, idLength, StandardCharsets.UTF_8), score, limit);
                });
            }
        } else if (contributions.size() == 1) {
            Contribution only = contributions.get(0);
            only.postings().forEach((id, posting) -> offer(heap, id, only.score(id, posting), limit));
        } else {
            Map<String, double[]> scores = new HashMap<>();
            for (Contribution contribution : contributions) {
                contribution.postings().forEach((id, posting) -> scores.computeIfAbsent(id, k -> new double[1])[0]
                        += contribution.score(id, posting));
            }
            scores.forEach((id, score) -> offer(heap, id, score[0], limit));
        }
        List<Scored> ranked = new ArrayList<>(heap);
        ranked.sort(BETTER);
        return ranked;
    }

    private static void offer(PriorityQueue<Scored> heap, String id, double score, int limit) {
        if (heap.size() < limit) {
            heap.add(new Scored(id, score));
        } else if (limit > 0) {
            Scored worst = heap.peek();
            if (score > worst.score() || score == worst.score() && id.compareTo(worst.id()) < 0) {
                heap.poll();
                heap.add(new Scored(id, score));
            }
        }
    }

    static double idf(double documents, double withTerm) {
        return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
    }

    private static Contribution phrase(ReadOperations tx, long uid, long indexUid, String field, List<String> words,
            double n, double averageLength) {
        List<Map<String, Posting>> lists = new ArrayList<>();
        double idf = 0;
        for (String word : words) {
            Map<String, Posting> postings = postings(tx, uid, indexUid, field, word, true);
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
        return new Contribution(matches, null, idf, averageLength, frequencies);
    }

    /**
     * One word of one field: its blocks, counted but not decoded, when the index keeps no key of the word from
     * before blocks; else its postings decoded from both layouts (as {@link #postings}).
     */
    private static Contribution word(ReadOperations tx, long uid, long indexUid, String field, String word, double n,
            double averageLength) {
        List<byte[]> blocks = new ArrayList<>();
        try (EntryCursor cursor = tx.scan(Scan.prefix(TextPostings.blockPrefix(uid, indexUid, field, word)))) {
            while (cursor.hasNext()) {
                blocks.add(cursor.next().value());
            }
        }
        Map<String, Posting> postings = null;
        try (EntryCursor cursor = tx.scan(Scan.prefix(TextPostings.legacyTermPrefix(uid, indexUid, field, word)))) {
            while (cursor.hasNext()) {
                if (postings == null) {
                    Map<String, Posting> decoded = new HashMap<>();
                    blocks.forEach(block -> PostingBlock.read(block, false, decoded::put));
                    postings = decoded;
                }
                addLegacy(cursor.next(), postings);
            }
        }
        if (postings != null) {
            return new Contribution(postings, null, idf(n, postings.size()), averageLength, null);
        }
        int count = 0;
        for (byte[] block : blocks) {
            count += PostingBlock.count(block);
        }
        return new Contribution(null, blocks, idf(n, count), averageLength, null);
    }

    /** A word's postings by document id: its blocks, and the keys an index kept per document before blocks. */
    static Map<String, Posting> postings(ReadOperations tx, long uid, long indexUid, String field, String word,
            boolean withPositions) {
        Map<String, Posting> postings = new HashMap<>();
        try (EntryCursor cursor = tx.scan(Scan.prefix(TextPostings.blockPrefix(uid, indexUid, field, word)))) {
            while (cursor.hasNext()) {
                PostingBlock.read(cursor.next().value(), withPositions, postings::put);
            }
        }
        try (EntryCursor cursor = tx.scan(Scan.prefix(TextPostings.legacyTermPrefix(uid, indexUid, field, word)))) {
            while (cursor.hasNext()) {
                addLegacy(cursor.next(), postings);
            }
        }
        return postings;
    }

    /** The postings of the first {@value #MAX_EXPANSIONS} words starting with the prefix, one map per word. */
    private static java.util.Collection<Map<String, Posting>> expand(ReadOperations tx, long uid, long indexUid,
            String field, String prefix) {
        TreeMap<String, Map<String, Posting>> words = new TreeMap<>();
        String blockFields = KeyLayout.textBlockPrefix(uid, indexUid) + TupleCodec.encode(field);
        try (EntryCursor cursor = tx.scan(Scan.prefix(blockFields + TupleCodec.stringPrefix(prefix)))) {
            int distinct = 0;
            String current = null;
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                String word = TupleCodec.decodeString(entry.key(), blockFields.length());
                if (!word.equals(current) && ++distinct > MAX_EXPANSIONS) {
                    break;
                }
                current = word;
                PostingBlock.read(entry.value(), false, words.computeIfAbsent(word, w -> new HashMap<>())::put);
            }
        }
        String legacyFields = KeyLayout.textPrefix(uid, indexUid) + TupleCodec.encode(field);
        try (EntryCursor cursor = tx.scan(Scan.prefix(legacyFields + TupleCodec.stringPrefix(prefix)))) {
            int distinct = 0;
            String current = null;
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                String word = TupleCodec.decodeString(entry.key(), legacyFields.length());
                if (!word.equals(current) && ++distinct > MAX_EXPANSIONS) {
                    break;
                }
                current = word;
                addLegacy(entry, words.computeIfAbsent(word, w -> new HashMap<>()));
            }
        }
        while (words.size() > MAX_EXPANSIONS) {
            words.pollLastEntry();
        }
        return words.values();
    }

    private static void addLegacy(Entry entry, Map<String, Posting> postings) {
        String[] parts = new String(entry.value(), StandardCharsets.UTF_8).split("\n", 3);
        String[] positionText = parts[2].split(",");
        int[] positions = new int[positionText.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = Integer.parseInt(positionText[i]);
        }
        postings.put(parts[0], new Posting(Integer.parseInt(parts[1]), positions.length, positions));
    }
}
