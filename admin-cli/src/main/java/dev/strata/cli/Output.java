package dev.strata.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Rows printed as an aligned table for people, or as JSON ({@code --json}) for scripts. */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** Prints rows with these columns (each row a map from column to value, in column order). */
    void table(List<String> columns, List<Map<String, Object>> rows) {
        if (json) {
            print(rows);
            return;
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (Map<String, Object> row : rows) {
                widths[c] = Math.max(widths[c], text(row.get(columns.get(c))).length());
            }
        }
        line(columns, widths);
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        line(rules, widths);
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            columns.forEach(column -> cells.add(text(row.get(column))));
            line(cells, widths);
        }
        out.flush();
    }

    /** Prints one record: {@code name: value} lines, or one JSON object. */
    void record(Map<String, Object> fields) {
        if (json) {
            print(fields);
            return;
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((name, value) -> out.println(String.format("%-" + width + "s  %s", name, text(value))));
        out.flush();
    }

    /** Prints any value as JSON (records by their components). */
    void value(Object value) {
        print(value);
    }

    /** Prints a line of text (as {@code {"message": ...}} in JSON mode). */
    void message(String text) {
        if (json) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("message", text);
            print(wrapped);
        } else {
            out.println(text);
            out.flush();
        }
    }

    private void print(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new CliFailure(ExitCode.FAILED, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    private void line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(c == cells.size() - 1 ? cells.get(c) : String.format("%-" + widths[c] + "s", cells.get(c)));
        }
        out.println(line.toString().stripTrailing());
    }

    static String text(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() ? "-" : String.format("%.1f%%", d * 100);
        }
        if (value instanceof Long l && l < 0) {
            return "-";
        }
        return value == null ? "" : value.toString();
    }
}
