package dev.strata.timeseries.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.TagFilter;

/**
 * The words after a {@code ts:} command: {@code --name=value} options, {@code tag=value} tags or filters
 * ({@code tag=~regex} and {@code tag=a,b} for "one of"), {@code @time} for a timestamp. Times are {@code now},
 * {@code now-1h} or {@code -1h} (relative), an ISO instant ({@code 2026-12-01T10:00:00Z}) or epoch milliseconds;
 * durations are {@code 0} (or {@code forever}, for retentions), {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}, {@code 1d} or ISO ({@code PT1M}). Every mistake
 * is an {@link InvalidArgumentException} with a message meant for the person typing.
 */
final class ShellArguments {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    final Map<String, String> options = new LinkedHashMap<>();
    final Map<String, String> tags = new TreeMap<>();
    String at;

    private ShellArguments() {
    }

    static ShellArguments parse(String[] words, List<String> allowedOptions) {
        ShellArguments parsed = new ShellArguments();
        for (String word : words == null ? new String[0] : words) {
            if (word == null || word.isEmpty()) {
                continue;
            }
            if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word.substring(2) : word.substring(2, eq);
                if (!allowedOptions.contains(name)) {
                    throw new InvalidArgumentException("unknown option --" + name + (allowedOptions.isEmpty()
                            ? "; this command takes none" : "; use " + String.join(", ", allowedOptions.stream()
                                    .map(o -> "--" + o + "=...").toList())));
                }
                if (eq < 0 || eq == word.length() - 1) {
                    throw new InvalidArgumentException("option --" + name + " needs a value: --" + name + "=...");
                }
                parsed.options.put(name, word.substring(eq + 1));
            } else if (word.startsWith("@")) {
                parsed.at = word.substring(1);
            } else {
                int eq = word.indexOf('=');
                if (eq <= 0 || eq == word.length() - 1) {
                    throw new InvalidArgumentException("'" + word + "' is not tag=value (or an --option=value)");
                }
                parsed.tags.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return parsed;
    }

    List<TagFilter> filters() {
        List<TagFilter> filters = new ArrayList<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String value = tag.getValue();
            if (value.startsWith("~")) {
                filters.add(TagFilter.regex(tag.getKey(), value.substring(1)));
            } else if (value.contains(",")) {
                filters.add(TagFilter.in(tag.getKey(), new LinkedHashSet<>(Arrays.asList(value.split(",")))));
            } else {
                filters.add(TagFilter.equalTo(tag.getKey(), value));
            }
        }
        return filters;
    }

    static double parseValue(String text) {
        if (text == null) {
            throw new InvalidArgumentException("a value is needed");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("'" + text + "' is not a number");
        }
    }

    static long parseTime(String text, long now) {
        String t = text.trim();
        if (t.equals("now")) {
            return now;
        }
        if (t.startsWith("now-")) {
            return now - parseDuration(t.substring(4)).toMillis();
        }
        if (t.startsWith("-") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 1))) {
            return now - parseDuration(t.substring(1)).toMillis();
        }
        if (t.matches("-?\\d+")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("time '" + text + "' is out of range");
            }
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidArgumentException("'" + text + "' is not a time: use now, -1h, now-30m, "
                    + "2026-12-01T10:00:00Z or epoch milliseconds");
        }
    }

    static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (text.trim().equals("0") || text.trim().equalsIgnoreCase("forever")) {
            return Duration.ZERO;
        }
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text.trim());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new InvalidArgumentException("'" + text + "' is not a duration: use 500ms, 10s, 1m, 1h, 1d or "
                    + "PT1M");
        }
    }

    static Aggregation parseAggregation(String text) {
        try {
            return Aggregation.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("unknown aggregation '" + text + "': use one of "
                    + String.join(", ", Arrays.stream(Aggregation.values())
                            .map(a -> a.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }
}
