package dev.strata.jobs.internal.shell;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.strata.api.InvalidArgumentException;

/**
 * The words after a command's positional arguments: {@code name=value} or a bare flag ({@code overwrite}). Unknown
 * names are refused, so a typo is an error rather than a silently ignored option.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    private Options() {
    }

    static Options parse(String[] words, Set<String> valued, Set<String> flags) {
        Options options = new Options();
        for (String word : words == null ? new String[0] : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (eq < 0 ? !flags.contains(name) : !valued.contains(name)) {
                throw new InvalidArgumentException("unknown option '" + word + "' (options: "
                        + String.join(", ", valued.stream().map(v -> v + "=...").sorted().toList())
                        + (flags.isEmpty() ? "" : ", " + String.join(", ", flags.stream().sorted().toList())) + ")");
            }
            options.values.put(name, eq < 0 ? "true" : word.substring(eq + 1));
        }
        return options;
    }

    String get(String name) {
        return values.getOrDefault(name, "");
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
