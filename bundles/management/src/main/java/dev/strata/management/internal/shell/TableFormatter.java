package dev.strata.management.internal.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out rows as a plain-text table for a terminal: a header, a dashed rule, columns padded to their widest cell
 * and separated by two spaces, no trailing blanks.
 */
final class TableFormatter {

    private static final String GAP = "  ";

    private TableFormatter() {
    }

    /** @param rows each with as many cells as there are headers; {@code null} cells print empty */
    static String table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        List<String> rule = new ArrayList<>();
        for (String header : headers) {
            rule.add("-".repeat(header.length()));
        }
        lines.add(rule);
        lines.addAll(rows);
        for (List<String> line : lines) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], cell(line, column).length());
            }
        }
        for (int column = 0; column < widths.length; column++) {
            rule.set(column, "-".repeat(widths[column]));
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String cell = cell(line, column);
                text.append(cell);
                if (column < widths.length - 1) {
                    text.append(" ".repeat(widths[column] - cell.length())).append(GAP);
                }
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String cell(List<String> line, int column) {
        String cell = column < line.size() ? line.get(column) : null;
        return cell == null ? "" : ValueFormatter.escape(cell);
    }

    /** "yes" or "no", which reads better in a table than true and false. */
    static String yesNo(boolean flag) {
        return flag ? "yes" : "no";
    }
}
