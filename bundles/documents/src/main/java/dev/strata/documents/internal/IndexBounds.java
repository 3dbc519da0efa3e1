package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The key ranges of one index that can hold a query's matches: equality (and {@code $in}) on a prefix of the index
 * fields, then at most one range ({@code $gt}, {@code $lt}, ... or an anchored {@code $regex}) on the next field. The
 * ranges are a superset of the matches (the full filter still runs on every fetched document), sorted and disjoint,
 * so scanning them in turn yields index order.
 *
 * @param fixedFields how many leading fields are pinned to a single value
 * @param equalities  how many leading fields have equality bounds (one value or several)
 * @param hasRange    whether a range bounds the field after them
 */
record IndexBounds(IndexMeta index, List<Range> ranges, Supplier<String> describer, int fixedFields, int equalities,
        boolean hasRange) {

    /** Keys in [from, to). */
    record Range(String from, String to) {
    }

    /** Point bounds are multiplied out across fields up to this many ranges. */
    static final int MAX_RANGES = 256;

    /** The bounds as {@code explain} shows them; written out only then (JSON text of the operands). */
    String description() {
        return describer.get();
    }

    /** A range of one field: its lower and upper keys and how to describe it. */
    private record FieldRange(String lower, String upper, Supplier<String> description) {
    }

    /**
     * Whether each range holds at most one key, its lower bound: equality on every field of a unique index, whose
     * entry key is the values alone (no id after them), so a point read finds it.
     */
    boolean points() {
        return index.definition().unique() && !hasRange && equalities == index.definition().fields().size();
    }

    boolean bounded() {
        return equalities > 0 || hasRange;
    }

    static IndexBounds of(long collectionUid, IndexMeta index, Map<String, List<Filter.Field>> predicates) {
        List<String> prefixes = List.of("");
        List<Supplier<String>> described = new ArrayList<>();
        int fixed = 0;
        int equalities = 0;
        boolean pinned = true;
        String lower = null;
        String upper = null;
        for (String path : index.definition().fields()) {
            List<Filter.Field> onPath = predicates.getOrDefault(path, List.of());
            Points points = points(onPath, index.definition().unique());
            if (points != null && prefixes.size() * points.keys().size() <= MAX_RANGES) {
                List<String> next;
                if (prefixes.size() == 1 && points.keys().size() == 1) {
                    next = List.of(prefixes.get(0) + points.keys().get(0)); // the common case: one value
                } else {
                    next = new ArrayList<>(prefixes.size() * points.keys().size());
                    for (String prefix : prefixes) {
                        for (String point : points.keys()) {
                            next.add(prefix + point);
                        }
                    }
                }
                prefixes = next;
                equalities++;
                pinned &= points.keys().size() == 1;
                fixed += pinned ? 1 : 0;
                Points shown = points;
                described.add(() -> path + " in " + Json.write(shown.values()));
                continue;
            }
            FieldRange range = range(onPath, index.multikey());
            if (range != null) {
                lower = range.lower();
                upper = range.upper();
                described.add(() -> path + " " + range.description().get());
            }
            break;
        }
        String base = KeyLayout.indexPrefix(collectionUid, index.uid());
        List<Range> ranges = new ArrayList<>();
        for (String prefix : prefixes) {
            if (lower != null) {
                ranges.add(new Range(base + prefix + lower, base + prefix + upper));
            } else {
                ranges.add(new Range(base + prefix, base + prefix + TupleCodec.AFTER));
            }
        }
        Supplier<String> description = () -> described.isEmpty() ? "[all keys]"
                : "{" + String.join(", ", described.stream().map(Supplier::get).toList()) + "}";
        return new IndexBounds(index, ranges, description, fixed, equalities, lower != null);
    }

    /** The encoded values an equality or {@code $in} allows, sorted by key order, with the values they encode. */
    private record Points(List<String> keys, List<Object> values) {
    }

    /** The points an equality or {@code $in} on the path allows; null if none applies. */
    private static Points points(List<Filter.Field> onPath, boolean unique) {
        for (Filter.Field field : onPath) {
            if (field.op() == Filter.Op.EQ) {
                // one value: no sorting to do (an array operand also matches whole arrays, which the element
                // entries cannot find; unique indexes do not hold documents missing the field, which equality
                // with null also matches)
                Object value = field.operand();
                if (value instanceof List || (value == null && unique)) {
                    continue;
                }
                return new Points(List.of(TupleCodec.encode(value)), java.util.Collections.singletonList(value));
            }
            List<?> values = field.op() == Filter.Op.IN ? (List<?>) field.operand() : null;
            if (values == null || values.isEmpty()) {
                continue;
            }
            TreeMap<String, Object> sorted = new TreeMap<>(Values::compareStrings);
            boolean usable = true;
            for (Object value : values) {
                if (value instanceof List || (value == null && unique)) {
                    usable = false;
                    break;
                }
                sorted.put(TupleCodec.encode(value), value);
            }
            if (usable) {
                return new Points(List.copyOf(sorted.keySet()), new ArrayList<>(sorted.values()));
            }
        }
        return null;
    }

    /**
     * The tightest range the predicates on one path allow within one type, as {lower key, upper key, description};
     * for a multikey index only one predicate (a document's elements may each satisfy a different one).
     */
    private static FieldRange range(List<Filter.Field> onPath, boolean multikey) {
        String lower = null;
        String upper = null;
        List<Supplier<String>> described = new ArrayList<>();
        int type = -1;
        for (Filter.Field field : onPath) {
            String lo;
            String hi;
            int fieldType;
            switch (field.op()) {
                case GT, GTE, LT, LTE -> {
                    Object operand = field.operand();
                    fieldType = Values.typeRank(operand);
                    if (fieldType == Values.ARRAY || fieldType == Values.NULL) {
                        continue;
                    }
                    String encoded = TupleCodec.encode(operand);
                    String[] bracket = bracket(fieldType);
                    lo = field.op() == Filter.Op.GT ? encoded + TupleCodec.AFTER
                            : field.op() == Filter.Op.GTE ? encoded : bracket[0];
                    hi = field.op() == Filter.Op.LT ? encoded
                            : field.op() == Filter.Op.LTE ? encoded + TupleCodec.AFTER : bracket[1];
                    described.add(() -> "$" + field.op().name().toLowerCase(java.util.Locale.ROOT) + " "
                            + Json.write(operand));
                }
                case REGEX -> {
                    String prefix = FilterParser.literalPrefix(field);
                    if (prefix.isEmpty()) {
                        continue;
                    }
                    fieldType = Values.STRING;
                    lo = TupleCodec.stringPrefix(prefix);
                    hi = lo + TupleCodec.AFTER;
                    described.add(() -> "prefix " + Json.write(prefix));
                }
                default -> {
                    continue;
                }
            }
            if (type == -1) {
                type = fieldType;
                lower = lo;
                upper = hi;
            } else if (fieldType == type && !multikey) {
                lower = Values.compareStrings(lo, lower) > 0 ? lo : lower;
                upper = Values.compareStrings(hi, upper) < 0 ? hi : upper;
            }
            if (multikey) {
                break;
            }
        }
        if (lower == null) {
            return null;
        }
        if (Values.compareStrings(lower, upper) > 0) {
            upper = lower; // an empty range
        }
        return new FieldRange(lower, upper,
                () -> String.join(" ", described.stream().map(Supplier::get).toList()));
    }

    /** The first key of a type's values and the first key after them. */
    private static String[] bracket(int type) {
        return switch (type) {
            case Values.NUMBER -> new String[] {String.valueOf(TupleCodec.NEGATIVE), String.valueOf((char) (TupleCodec.POSITIVE + 1))};
            case Values.STRING -> new String[] {String.valueOf(TupleCodec.STRING), String.valueOf((char) (TupleCodec.STRING + 1))};
            case Values.OBJECT -> new String[] {String.valueOf(TupleCodec.OBJECT), String.valueOf((char) (TupleCodec.OBJECT + 1))};
            default -> new String[] {String.valueOf(TupleCodec.FALSE), String.valueOf((char) (TupleCodec.TRUE + 1))};
        };
    }
}
