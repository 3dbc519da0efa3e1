package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.document.InvalidQueryException;

/** Parses search text: words, {@code "quoted phrases"} and {@code prefix*} terms, analyzed like indexed text. */
final class TextQueryParser {

    /** One clause: a word, a phrase (several words) or a prefix (one word, {@code prefix} set). */
    record Clause(List<String> words, boolean prefix) {
    }

    private TextQueryParser() {
    }

    static List<Clause> parse(String text) {
        List<Clause> clauses = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw new InvalidQueryException("search text has an unclosed quote");
                }
                List<String> words = TextAnalyzer.words(text.substring(i + 1, end));
                if (!words.isEmpty()) {
                    clauses.add(new Clause(words, false));
                }
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                String token = text.substring(i, end);
                boolean prefix = token.endsWith("*");
                List<String> words = TextAnalyzer.words(prefix ? token.substring(0, token.length() - 1) : token);
                for (int w = 0; w < words.size(); w++) {
                    clauses.add(new Clause(List.of(words.get(w)), prefix && w == words.size() - 1));
                }
                i = end;
            }
        }
        if (clauses.isEmpty()) {
            throw new InvalidQueryException("search text has no words");
        }
        return clauses;
    }
}
