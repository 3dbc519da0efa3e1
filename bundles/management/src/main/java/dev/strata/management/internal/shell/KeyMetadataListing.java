package dev.strata.management.internal.shell;

import java.time.Duration;
import java.util.Locale;
import java.util.TreeSet;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyMetadata;

/** The shell's side of key metadata: the {@code --ttl=} option of {@code strata:put} and {@code strata:meta}'s lines. */
final class KeyMetadataListing {

    private static final String TTL = "--ttl=";

    private KeyMetadataListing() {
    }

    /** Parses {@code --ttl=<n>[ms|s|m|h|d]} (a bare number is seconds). */
    static Duration ttlOption(String option) {
        if (option == null || !option.startsWith(TTL)) {
            throw new InvalidArgumentException("unknown option '" + option + "'; strata:put takes --ttl=<duration> "
                    + "(500ms, 30s, 5m, 1h, 7d) after the value");
        }
        String text = option.substring(TTL.length()).trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            char unit = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
            String number = Character.isDigit(unit) ? text : text.substring(0, text.length() - 1);
            long n = Long.parseLong(number);
            return switch (unit) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                case 's' -> Duration.ofSeconds(n);
                default -> Character.isDigit(unit) ? Duration.ofSeconds(n) : fail(option);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            return fail(option);
        }
    }

    private static Duration fail(String option) {
        throw new InvalidArgumentException("'" + option + "' is not a time to live; use for example --ttl=30s, "
                + "--ttl=500ms, --ttl=5m, --ttl=1h or --ttl=7d");
    }

    /** The figures a person checks at the shell; the rest are in JMX and the console. */
    static String figures(dev.strata.api.StoreMetrics metrics) {
        StringBuilder out = new StringBuilder();
        out.append("keys                  ").append(metrics.keys()).append('\n');
        double rate = metrics.cacheHitRate();
        out.append("cache hits            ").append(metrics.cacheHits()).append('\n');
        out.append("cache misses          ").append(metrics.cacheMisses()).append('\n');
        out.append("cache hit rate        ").append(Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f%%", rate * 100));
        new java.util.TreeMap<>(metrics.extra()).forEach((name, value) -> {
            if (name.startsWith("cache.") || name.startsWith("ttl.") || name.startsWith("events.")) {
                out.append('\n').append(String.format(Locale.ROOT, "%-22s", name)).append(value);
            }
        });
        return out.toString();
    }

    static String describe(KeyMetadata meta) {
        return "created  " + meta.createdAt() + "\n"
                + "updated  " + meta.updatedAt() + "\n"
                + "expires  " + (meta.expiresAt() == null ? "never" : meta.expiresAt()) + "\n"
                + "tags     " + (meta.tags().isEmpty() ? "-" : String.join(", ", new TreeSet<>(meta.tags()))) + "\n"
                + "version  " + meta.version() + "\n"
                + "size     " + meta.size() + " bytes";
    }
}
