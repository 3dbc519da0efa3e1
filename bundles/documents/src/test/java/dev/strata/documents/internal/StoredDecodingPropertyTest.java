package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The readers of stored Smile that skip Jackson's databind ({@link StoredSmile}) or its parser
 * ({@link SmileFieldReader}, {@link StoredSmile#firstString}) give exactly what the databind path gives
 * ({@link Json#decode}: Jackson's tree, then {@link Values#normalize}) on random documents: types, values, nesting,
 * strings repeated within a document (which Smile writes as back-references), more names than one byte can refer
 * to, long and Unicode names and strings, big numbers.
 */
class StoredDecodingPropertyTest {

    @Property(tries = 600)
    void recordsDecodeAsTheDatabindPathDecodesThem(@ForAll("documents") Map<String, Object> content) {
        DocumentRecord record = new DocumentRecord("d1", content, 7, 1_700_000_000_000L, 1_700_000_000_123L);
        byte[] bytes = record.encode();
        DocumentRecord decoded = StoredSmile.record("d1", bytes);
        assertEquals(reference(bytes), decoded.content());
        assertEquals(7, decoded.version());
        assertEquals(1_700_000_000_000L, decoded.createdMillis());
        assertEquals(1_700_000_000_123L, decoded.updatedMillis());
    }

    @Property(tries = 1200)
    void theFieldReaderGivesUpOrAgreesWithTheParser(@ForAll("documents") Map<String, Object> content,
            @ForAll("wanted") Set<String> wanted) {
        byte[] bytes = new DocumentRecord("d1", content, 1, 0, 0).encode();
        Map<String, Object> fast = new SmileFieldReader(wanted).read(bytes);
        Map<String, Object> parsed = StoredSmile.contentFields(bytes, wanted);
        if (fast != null) {
            assertEquals(parsed, fast, () -> "content " + content + ", wanted " + wanted);
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String field : wanted) {
            if (content.containsKey(field)) {
                expected.put(field, content.get(field));
            }
        }
        assertEquals(expected, parsed);
    }

    @Property(tries = 1000)
    void indexEntryIdsReadAsTheParserReadsThem(@ForAll("ids") String id) {
        byte[] value = IndexEntryValue.encode(id, List.of("a"), Map.of("a", 1L));
        assertEquals(id, StoredSmile.firstString(value));
        assertEquals(id, IndexEntryValue.id(value));
        assertEquals(id, ((List<?>) Json.decode(value)).get(0));
    }

    @Example
    void ordinaryDocumentsAreReadWithoutTheParser() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("email", "user17@example.org");
        user.put("name", "User number 17");
        user.put("city", "c17");
        user.put("age", 42L);
        user.put("score", -0.25);
        user.put("tags", List.of("x", "y"));
        user.put("address", Map.of("city", "Lyon", "zip", 69001L));
        user.put("active", true);
        user.put("note", null);
        byte[] bytes = new DocumentRecord("u17", user, 3, 5, 6).encode();
        for (Set<String> wanted : List.of(Set.of("age"), Set.of("city", "active"), Set.of("tags", "address", "note"),
                Set.of("score", "missing"))) {
            Map<String, Object> fast = new SmileFieldReader(wanted).read(bytes);
            assertNotNull(fast, () -> "gave up on " + wanted);
            assertEquals(StoredSmile.contentFields(bytes, wanted), fast);
        }
    }

    @Example
    void namesPastTheOneByteReferencesAreFound() {
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            wide.put("f" + i, Map.of("inner", (long) i)); // "inner" is a back-reference from its second use on
        }
        byte[] bytes = new DocumentRecord("w", wide, 1, 0, 0).encode();
        Map<String, Object> fast = new SmileFieldReader(Set.of("f149", "f70")).read(bytes);
        assertEquals(Map.of("f149", Map.of("inner", 149L), "f70", Map.of("inner", 70L)), fast);
    }

    @Example
    void aWantedValueThatRefersBackIsLeftToTheParser() {
        Map<String, Object> repeated = new LinkedHashMap<>();
        repeated.put("a", "same");
        repeated.put("b", "same");
        byte[] bytes = new DocumentRecord("r", repeated, 1, 0, 0).encode();
        assertNull(new SmileFieldReader(Set.of("b")).read(bytes));
        assertEquals(Map.of("a", "same"), new SmileFieldReader(Set.of("a")).read(bytes));
        assertEquals(Map.of("b", "same"), StoredSmile.contentFields(bytes, Set.of("b")));
    }

    @Example
    void truncatedOrForeignBytesAreNeverMisread() {
        Map<String, Object> full = Map.of("age", 3L, "name", "x".repeat(40));
        byte[] bytes = new DocumentRecord("t", full, 1, 0, 0).encode();
        for (int cut = 0; cut < bytes.length; cut++) {
            Map<String, Object> fast = new SmileFieldReader(Set.of("name", "age")).read(java.util.Arrays.copyOf(bytes, cut));
            int at = cut;
            assertTrue(fast == null || full.entrySet().containsAll(fast.entrySet()), () -> "cut at " + at + ": " + fast);
        }
        assertNull(new SmileFieldReader(Set.of("age")).read("{\"age\":3}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference(byte[] bytes) {
        return (Map<String, Object>) ((Map<String, Object>) Json.decode(bytes)).get("b");
    }

    private static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("", "a", "b", "v", "age", "city", "é", "名前", "naïve field",
                "k".repeat(56), "k".repeat(64), "k".repeat(65), "ü".repeat(28), "ü".repeat(29), "ü".repeat(40)));
        for (int i = 0; i < 80; i++) {
            names.add("n" + i);
        }
        return names;
    }

    @Provide
    Arbitrary<Set<String>> wanted() {
        return Arbitraries.of(NAMES).set().ofMinSize(1).ofMaxSize(4).map(HashSet::new);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("abcXYZ019._:@+~-").ofMinLength(1).ofMaxLength(128);
    }

    @Provide
    Arbitrary<Map<String, Object>> documents() {
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.of("same", "c17", "", "x".repeat(32), "x".repeat(33), "x".repeat(64), "x".repeat(65),
                        "é".repeat(16), "é".repeat(17), "é".repeat(32), "é".repeat(33), "日本語のテキスト"),
                Arbitraries.strings().alpha().numeric().ofMaxLength(80),
                Arbitraries.strings().withCharRange('\u0080', '\u07ff').ofMaxLength(40));
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.longs().between(-20, 20).map(l -> (Object) l),
                Arbitraries.of(Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, (long) Integer.MIN_VALUE, 16L, -17L)
                        .map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(0.0, -0.0, 1e-300, -1e300, 2.5, 0.1, Double.MIN_VALUE).map(d -> (Object) d),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e30"), new BigDecimal("1e30")).ofScale(3)
                        .map(d -> (Object) d),
                texts.map(s -> (Object) s));
        Arbitrary<Object> value = Arbitraries.lazyOf(() -> scalar,
                () -> scalar.list().ofMaxSize(4).map(l -> (Object) l),
                () -> Arbitraries.maps(Arbitraries.of(NAMES), scalar).ofMaxSize(3).map(m -> (Object) m));
        return Arbitraries.maps(Arbitraries.of(NAMES), value).ofMaxSize(12).map(StoredDecodingPropertyTest::normal);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normal(Map<String, Object> map) {
        return (Map<String, Object>) Values.normalize(map);
    }
}
