package dev.strata.documents.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A parsed filter: a tree of boolean combinations over field predicates, evaluated on document content. */
sealed interface Filter {

    boolean matches(Map<String, Object> content, String id);

    /** Matches every document. */
    Filter ALL = new And(List.of());

    /**
     * The top-level fields whose values decide the filter (the first segment of each path; {@code _id} is the key,
     * not a field): a document's content cut down to these fields matches exactly when the whole content does.
     */
    static java.util.Set<String> topFields(Filter filter) {
        java.util.Set<String> fields = new java.util.HashSet<>();
        collectTopFields(filter, fields);
        return fields;
    }

    private static void collectTopFields(Filter filter, java.util.Set<String> fields) {
        if (filter instanceof And and) {
            and.parts().forEach(part -> collectTopFields(part, fields));
        } else if (filter instanceof Or or) {
            or.parts().forEach(part -> collectTopFields(part, fields));
        } else if (filter instanceof Not not) {
            collectTopFields(not.inner(), fields);
        } else if (filter instanceof Field field && !dev.strata.api.document.Document.ID_FIELD.equals(field.path())) {
            fields.add(field.path().split("\\.", -1)[0]);
        }
    }

    record And(List<Filter> parts) implements Filter {
        public boolean matches(Map<String, Object> content, String id) {
            for (Filter part : parts) {
                if (!part.matches(content, id)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Filter> parts) implements Filter {
        public boolean matches(Map<String, Object> content, String id) {
            for (Filter part : parts) {
                if (part.matches(content, id)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Filter inner) implements Filter {
        public boolean matches(Map<String, Object> content, String id) {
            return !inner.matches(content, id);
        }
    }

    /** The comparison operators of one field. */
    enum Op { EQ, GT, GTE, LT, LTE, IN, EXISTS, REGEX }

    /**
     * One predicate on a path ({@code $ne} and {@code $nin} are {@link Not} of EQ and IN). Ranges compare only values
     * of the operand's type (MongoDB's type bracketing); a path reaching an array matches when an element does.
     */
    record Field(String path, Op op, Object operand, Pattern regex) implements Filter {

        public boolean matches(Map<String, Object> content, String id) {
            List<Object> candidates = Paths.candidates(content, id, path);
            switch (op) {
                case EXISTS:
                    return !candidates.isEmpty() == (Boolean) operand;
                case EQ:
                    return candidates.isEmpty() ? operand == null : anyMatches(candidates, operand);
                case IN:
                    for (Object option : (List<?>) operand) {
                        if (candidates.isEmpty() ? option == null : anyMatches(candidates, option)) {
                            return true;
                        }
                    }
                    return false;
                default:
                    for (Object candidate : candidates) {
                        if (test(candidate)) {
                            return true;
                        }
                        if (candidate instanceof List<?> list) {
                            for (Object element : list) {
                                if (test(element)) {
                                    return true;
                                }
                            }
                        }
                    }
                    return false;
            }
        }

        private static boolean anyMatches(List<Object> candidates, Object wanted) {
            for (Object candidate : candidates) {
                if (Values.equal(candidate, wanted)) {
                    return true;
                }
                if (candidate instanceof List<?> list) {
                    for (Object element : list) {
                        if (Values.equal(element, wanted)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private boolean test(Object value) {
            if (op == Op.REGEX) {
                return value instanceof String text && regex.matcher(text).find();
            }
            if (Values.typeRank(value) != Values.typeRank(operand)) {
                return false;
            }
            int c = Values.compare(value, operand);
            return switch (op) {
                case GT -> c > 0;
                case GTE -> c >= 0;
                case LT -> c < 0;
                case LTE -> c <= 0;
                default -> throw new IllegalStateException(op.name());
            };
        }
    }
}
