package dev.strata.timeseries.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.timeseries.Series;
import dev.strata.api.timeseries.TagFilter;

/**
 * The series dictionary (canonical text to id, id to text) and the tag index, read and written through whatever
 * transaction the caller holds. Ids come from one counter key, so two transactions creating series at once
 * conflict and one retries: ids are never handed out twice. Series are never removed (retention drops chunks).
 */
final class SeriesDirectory {

    private static final byte[] EMPTY = new byte[0];

    private SeriesDirectory() {
    }

    static Optional<Long> lookup(ReadOperations reads, String canonical) {
        String key = KeyLayout.dictionaryKey(canonical);
        return reads.get(key).map(bytes -> KeyLayout.bytesLong(bytes, key));
    }

    /** Creates the series (the caller looked it up first and found nothing) and returns its new id. */
    static long create(Transaction tx, Series series, String canonical) {
        long id = tx.get(KeyLayout.NEXT_ID).map(b -> KeyLayout.bytesLong(b, KeyLayout.NEXT_ID)).orElse(1L);
        tx.put(KeyLayout.NEXT_ID, KeyLayout.longBytes(id + 1));
        tx.put(KeyLayout.dictionaryKey(canonical), KeyLayout.longBytes(id));
        tx.put(KeyLayout.seriesKey(id), canonical.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> tag : series.tags().entrySet()) {
            tx.put(KeyLayout.tagIndexKey(series.metric(), tag.getKey(), tag.getValue(), id), EMPTY);
        }
        return id;
    }

    /**
     * The series of the metric passing every filter, sorted by text. An equality or {@code in} filter is answered
     * from the tag index (one prefix scan per value); a regex filter scans the index entries of its tag only; with
     * no filter the metric's dictionary range is read.
     */
    static List<SeriesRef> find(ReadOperations reads, String metric, List<TagFilter> filters) {
        SeriesNames.checkMetric(metric);
        List<SeriesRef> found = new ArrayList<>();
        if (filters.isEmpty()) {
            String prefix = KeyLayout.dictionaryPrefix(metric);
            try (EntryCursor cursor = reads.scan(Scan.prefix(prefix))) {
                while (cursor.hasNext()) {
                    Entry entry = cursor.next();
                    String canonical = entry.key().substring(KeyLayout.DICTIONARY.length());
                    found.add(new SeriesRef(KeyLayout.bytesLong(entry.value(), entry.key()),
                            SeriesNames.parse(canonical, entry.key())));
                }
            }
            return found;
        }
        TagFilter driving = filters.stream().filter(f -> !(f instanceof TagFilter.Regex)).findFirst()
                .orElse(filters.get(0));
        TreeSet<Long> ids = new TreeSet<>();
        for (String prefix : indexPrefixes(metric, driving)) {
            try (EntryCursor cursor = reads.scan(Scan.prefix(prefix))) {
                while (cursor.hasNext()) {
                    String key = cursor.next().key();
                    ids.add(KeyLayout.parseHex(key.substring(key.length() - 16)));
                }
            }
        }
        List<String> keys = ids.stream().map(KeyLayout::seriesKey).toList();
        for (Map.Entry<String, byte[]> entry : reads.getAll(keys).entrySet()) {
            Series series = SeriesNames.parse(new String(entry.getValue(), StandardCharsets.UTF_8), entry.getKey());
            if (filters.stream().allMatch(f -> f.matches(series.tags()))) {
                found.add(new SeriesRef(KeyLayout.parseHex(entry.getKey().substring(KeyLayout.SERIES_BY_ID.length())),
                        series));
            }
        }
        found.sort(Comparator.comparing(ref -> SeriesNames.canonical(ref.series())));
        return found;
    }

    private static List<String> indexPrefixes(String metric, TagFilter filter) {
        String tag = filter.tag();
        SeriesNames.checkTagName(tag);
        if (filter instanceof TagFilter.Equals equals) {
            return List.of(KeyLayout.tagIndexPrefix(metric, tag) + SeriesNames.escape(equals.value()) + "/");
        }
        if (filter instanceof TagFilter.In in) {
            return in.values().stream().sorted()
                    .map(v -> KeyLayout.tagIndexPrefix(metric, tag) + SeriesNames.escape(v) + "/").toList();
        }
        return List.of(KeyLayout.tagIndexPrefix(metric, tag));
    }

    /** Every metric with at least one series, sorted; reads one dictionary entry per metric. */
    static List<String> metrics(ReadOperations reads) {
        List<String> metrics = new ArrayList<>();
        String from = KeyLayout.DICTIONARY;
        while (true) {
            Optional<String> next;
            try (EntryCursor cursor = reads.scan(new Scan(KeyLayout.DICTIONARY, from, null, null, false, 1))) {
                next = cursor.hasNext() ? Optional.of(cursor.next().key()) : Optional.empty();
            }
            if (next.isEmpty()) {
                metrics.sort(null); // the walk meets "cpu.x" before "cpu"
                return metrics;
            }
            String key = next.get();
            int open = key.indexOf('{', KeyLayout.DICTIONARY.length());
            String metric = key.substring(KeyLayout.DICTIONARY.length(), open < 0 ? key.length() : open);
            metrics.add(metric);
            // '|' follows '{' and every character a metric may contain sorts before '{': this skips this metric only
            from = KeyLayout.DICTIONARY + metric + "|";
        }
    }
}
