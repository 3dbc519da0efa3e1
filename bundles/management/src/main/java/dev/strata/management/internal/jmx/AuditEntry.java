package dev.strata.management.internal.jmx;

import dev.strata.api.StorageException;

/**
 * One audit entry. Fields are escaped so that a {@code |} or a line break in an argument cannot forge a field or an
 * entry: {@code \} as {@code \\}, {@code |} as {@code \p}, line breaks as {@code \n} and {@code \r}.
 */
record AuditEntry(long seq, String time, String user, String from, String action, String target, String detail,
        String result, String hash) {

    AuditEntry withHash(String newHash) {
        return new AuditEntry(seq, time, user, from, action, target, detail, result, newHash);
    }

    /** Every field but the hash, as hashed. */
    String unsignedLine() {
        return String.join("|", Long.toString(seq), escape(time), escape(user), escape(from), escape(action),
                escape(target), escape(detail), escape(result));
    }

    String line() {
        return unsignedLine() + "|" + hash;
    }

    static AuditEntry parse(String line) {
        String[] f = line.split("\\|", -1);
        if (f.length != 9) {
            throw new StorageException("expected 9 fields, found " + f.length);
        }
        try {
            return new AuditEntry(Long.parseLong(f[0]), unescape(f[1]), unescape(f[2]), unescape(f[3]), unescape(f[4]),
                    unescape(f[5]), unescape(f[6]), unescape(f[7]), f[8]);
        } catch (NumberFormatException e) {
            throw new StorageException("the sequence number is not a number: '" + f[0] + "'");
        }
    }

    private static String escape(String text) {
        String value = text == null ? "" : text;
        return value.replace("\\", "\\\\").replace("|", "\\p").replace("\n", "\\n").replace("\r", "\\r");
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
