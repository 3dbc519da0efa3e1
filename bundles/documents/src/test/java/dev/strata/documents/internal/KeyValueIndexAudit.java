package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.strata.api.Entry;
import dev.strata.api.Store;
import dev.strata.api.document.DocumentStore;

/**
 * Checks that every key-value index holds exactly the entries its keys' current values call for (with the values a
 * scan reads), that its recorded array paths include every one a value has, and that nothing else lies under the
 * key-value index uid.
 */
final class KeyValueIndexAudit {

    private KeyValueIndexAudit() {
    }

    static void check(Store store) {
        KeyValueIndexMeta meta = KeyValueIndexMeta.read(store);
        Set<String> allowed = new TreeSet<>();
        for (KeyValueIndexMeta.Indexed indexed : meta.indexes()) {
            Set<String> expected = new TreeSet<>();
            Set<String> arrays = new TreeSet<>();
            for (Entry entry : IndexAudit.scan(store, indexed.keys().literalPrefix())) {
                if (!indexed.keys().matches(entry.key()) || entry.key().startsWith(DocumentStore.KEY_PREFIX)) {
                    continue;
                }
                Map<String, Object> json = KeyValueQueries.jsonObject(entry.value());
                IndexKeys.Entries entries = IndexKeys.of(KeyValueIndexMeta.UID, indexed.index(), entry.key(), json);
                entries.keys().forEach(k -> expected.add(k + " = " + HexFormat.of().formatHex(entries.value())));
                arrays.addAll(entries.arrayFields());
            }
            Set<String> actual = new TreeSet<>();
            String prefix = KeyLayout.indexPrefix(KeyValueIndexMeta.UID, indexed.index().uid());
            allowed.add(prefix);
            IndexAudit.scan(store, prefix).forEach(e -> actual.add(e.key() + " = " + HexFormat.of().formatHex(e.value())));
            assertEquals(expected, actual, "key-value index " + indexed.index().name() + " holds exactly its entries");
            assertTrue(indexed.index().arrayFields().containsAll(arrays),
                    "index " + indexed.index().name() + " records its array paths " + arrays);
            assertEquals(!indexed.index().arrayFields().isEmpty(), indexed.index().multikey());
        }
        long stale = IndexAudit.scan(store, KeyLayout.base(KeyValueIndexMeta.UID)).stream()
                .filter(e -> allowed.stream().noneMatch(e.key()::startsWith)).count();
        assertEquals(0, stale, "a dropped key-value index leaves no entry behind");
    }
}
