package dev.strata.documents.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into words: Unicode NFKC normalization, lower-casing (root locale), then runs of letters and digits
 * (an apostrophe or a period between two letters or digits stays inside a word, as in Lucene's StandardTokenizer);
 * everything else separates. A word's position is its index among the field's words, which phrases use.
 */
final class TextAnalyzer {

    /** Longer words are dropped (Lucene's StandardAnalyzer default). */
    static final int MAX_WORD_LENGTH = 255;

    private TextAnalyzer() {
    }

    static List<String> words(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < normal.length()) {
            int c = normal.codePointAt(i);
            int width = Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else if ((c == '\'' || c == '.') && word.length() > 0 && i + width < normal.length()
                    && Character.isLetterOrDigit(normal.codePointAt(i + width))) {
                word.appendCodePoint(c);
            } else {
                flush(word, words);
            }
            i += width;
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0 && word.length() <= MAX_WORD_LENGTH) {
            words.add(word.toString());
        }
        word.setLength(0);
    }
}
