package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The keys a transaction wrote, each with whether its last write was a put, in the order each was first written: what
 * the commit reports to change listeners and the change journal. Most commits have neither, so a {@code putAll} is
 * kept as the array of its keys (one copy, no hashing per key) and the whole map is built only when a commit asks for
 * it. Writes of single keys between batches go into one map per run of them, so a key written again and again adds
 * nothing.
 */
final class TouchedKeys {

    /** In write order: {@code String[]} batches of puts and {@code Map<String, Boolean>} runs of single writes. */
    private final List<Object> log = new ArrayList<>();

    boolean isEmpty() {
        return log.isEmpty();
    }

    void put(String key, boolean put) {
        Object last = log.isEmpty() ? null : log.get(log.size() - 1);
        @SuppressWarnings("unchecked")
        Map<String, Boolean> run = last instanceof Map<?, ?> map ? (Map<String, Boolean>) map : null;
        if (run == null) {
            run = new LinkedHashMap<>();
            log.add(run);
        }
        run.put(key, put);
    }

    /** The keys of a {@code putAll}: an array the caller hands over and no longer changes. */
    void putAll(String[] keys) {
        log.add(keys);
    }

    /** Each key once, in the order it was first written, with whether its last write was a put. */
    void forEach(BiConsumer<String, Boolean> action) {
        if (log.size() == 1 && log.get(0) instanceof Map<?, ?> only) {
            @SuppressWarnings("unchecked")
            Map<String, Boolean> run = (Map<String, Boolean>) only;
            run.forEach(action);
            return;
        }
        Map<String, Boolean> last = new LinkedHashMap<>();
        for (Object entry : log) {
            if (entry instanceof String[] batch) {
                for (String key : batch) {
                    last.put(key, Boolean.TRUE);
                }
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Boolean> run = (Map<String, Boolean>) entry;
                last.putAll(run);
            }
        }
        last.forEach(action);
    }
}
