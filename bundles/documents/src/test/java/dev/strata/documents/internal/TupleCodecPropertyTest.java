package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Key order is value order: what lets index scans serve ranges and sorts. */
class TupleCodecPropertyTest {

    @Property(tries = 3000)
    void encodingPreservesOrder(@ForAll("values") Object a, @ForAll("values") Object b) {
        int values = Integer.signum(Values.compare(a, b));
        int keys = Integer.signum(Arrays.compareUnsigned(utf8(TupleCodec.encode(a)), utf8(TupleCodec.encode(b))));
        assertEquals(values, keys, () -> a + " vs " + b);
    }

    @Property(tries = 1000)
    void tuplesOrderLikeTheirElements(@ForAll("values") Object a1, @ForAll("values") Object a2,
            @ForAll("values") Object b1, @ForAll("values") Object b2) {
        int first = Values.compare(a1, b1);
        int values = Integer.signum(first != 0 ? first : Values.compare(a2, b2));
        int keys = Integer.signum(Arrays.compareUnsigned(utf8(TupleCodec.encodeAll(Arrays.asList(a1, a2))),
                utf8(TupleCodec.encodeAll(Arrays.asList(b1, b2)))));
        assertEquals(values, keys);
    }

    @Property(tries = 500)
    void stringsDecode(@ForAll("strings") String text) {
        assertEquals(text, TupleCodec.decodeString(TupleCodec.encode(text) + "tail", 0));
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab\u0000\u0001\u00e9\uffff").ofMaxLength(4),
                Arbitraries.strings().all().ofMaxLength(6).filter(TupleCodecPropertyTest::wellFormed));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.longs().between(-3, 3).map(l -> (Object) l),
                Arbitraries.doubles().between(-1e6, 1e6).map(d -> (Object) d),
                Arbitraries.of(0.0, -0.0, 1e-300, -1e300, 2.5, 0.1).map(d -> (Object) d),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e30"), new BigDecimal("1e30")).ofScale(5)
                        .map(d -> (Object) d),
                strings().map(s -> (Object) s));
        return Arbitraries.lazyOf(() -> scalar,
                () -> scalar.list().ofMaxSize(3).map(l -> (Object) l),
                () -> Arbitraries.maps(Arbitraries.of("a", "b", "ab"), scalar).ofMaxSize(2)
                        .map(m -> (Object) new java.util.TreeMap<>(m)));
    }

    private static boolean wellFormed(String s) {
        try {
            Values.normalize(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

}
