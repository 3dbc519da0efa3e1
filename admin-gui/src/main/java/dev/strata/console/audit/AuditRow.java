package dev.strata.console.audit;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * One audit entry as the table shows it, read from the runtime's line {@code seq|time|user|from|action|target|
 * detail|result|hash} (fields escaped: {@code \\}, {@code \p} for a pipe, {@code \n}, {@code \r}). A line that is
 * not an entry is kept whole in {@code arguments} with action {@code ?}, so nothing the runtime sent is hidden.
 */
public record AuditRow(long seq, String time, String user, String from, String action, String target,
        String arguments, String result) {

    private static final int FIELDS = 9;

    public static AuditRow parse(String line) {
        String[] f = line.split("\\|", -1);
        long seq;
        try {
            seq = f.length == FIELDS ? Long.parseLong(f[0]) : -1;
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (seq < 0) {
            return new AuditRow(-1, "", "", "", "?", "", line, "");
        }
        return new AuditRow(seq, unescape(f[1]), unescape(f[2]), unescape(f[3]), unescape(f[4]), unescape(f[5]),
                unescape(f[6]), unescape(f[7]));
    }

    /** Whether any column holds the text, ignoring case ({@code needle} already lower case). */
    boolean contains(String needle) {
        return Stream.of(time, user, from, action, target, arguments, result)
                .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'p' -> '|';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
