package dev.strata.management.internal.shell;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.strata.api.BackendInfo;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.StoreControl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code strata:*} Gogo commands, for a person at the runtime's shell. Gogo calls the public methods by name and
 * prints what they return. Every expected failure (unknown store, unavailable backend, bad input) comes back as one
 * line starting with {@code error: } instead of an exception, because a shell user wants the reason, not a trace.
 * Strings go in and out: Gogo passes words as strings, and the limit is parsed here so that {@code abc} gets a
 * clear message rather than Gogo's "cannot coerce".
 */
@Component(service = StrataCommands.class)
@GogoCommand(scope = "strata", function = {"backends", "stores", "put", "get", "delete", "scan", "reopen",
        "meta", "metrics", "tagged"})
public final class StrataCommands {

    static final int DEFAULT_SCAN_LIMIT = 100;
    static final String NOT_FOUND = "(not found)";

    /** How long {@code strata:reopen} waits for the store to leave OPENING before it says it is still opening. */
    static final long REOPEN_WAIT_MILLIS = 10_000;

    private final StorageService storage;
    private final StoreControl control;

    @Activate
    public StrataCommands(@Reference StorageService storage, @Reference StoreControl control) {
        this.storage = storage;
        this.control = control;
    }

    /** {@code strata:backends}: the installed backends and what they can do. */
    public String backends() {
        return run(() -> {
            List<BackendInfo> backends = storage.backends();
            if (backends.isEmpty()) {
                return "No backends installed.";
            }
            return TableFormatter.table(List.of("TYPE", "BUNDLE", "VERSION", "PERSISTENT", "ENCRYPTION", "COMPRESSION"),
                    backends.stream().map(b -> List.of(b.type(), b.bundle(), b.version(),
                            TableFormatter.yesNo(b.capabilities().persistent()),
                            TableFormatter.yesNo(b.capabilities().encryption()),
                            TableFormatter.yesNo(b.capabilities().compression()))).toList());
        });
    }

    /** {@code strata:stores}: every defined store, online or not. */
    public String stores() {
        return run(() -> {
            List<StoreInfo> stores = storage.stores();
            if (stores.isEmpty()) {
                return "No stores defined.";
            }
            return TableFormatter.table(List.of("NAME", "BACKEND", "STATUS", "DURABILITY", "MESSAGE"),
                    stores.stream().map(s -> List.of(s.name(), s.backend(), s.status().name(),
                            s.durability().name().toLowerCase(Locale.ROOT), s.message())).toList());
        });
    }

    /** {@code strata:put <store> <key> <value>}: stores the UTF-8 bytes of the value as it was typed. */
    public String put(String store, String key, String value) {
        return run(() -> {
            if (value == null) {
                throw new InvalidArgumentException("value must not be null");
            }
            store(store).put(typed(key), typed(value).getBytes(StandardCharsets.UTF_8));
            return "ok";
        });
    }

    /**
     * {@code strata:put <store> <key> <value> --ttl=30s}: the same with a time to live (ms, s, m, h, d). A fourth
     * word that is not an option ({@code -...}) is most likely an unquoted value's second word.
     */
    public String put(String store, String key, String value, String option) {
        if (option == null || !option.startsWith("-")) {
            return put(store, key, value, option, new String[0]);
        }
        return run(() -> {
            if (value == null) {
                throw new InvalidArgumentException("value must not be null");
            }
            store(store).put(typed(key), typed(value).getBytes(StandardCharsets.UTF_8),
                    KeyMetadataListing.ttlOption(option));
            return "ok";
        });
    }

    /** {@code strata:meta <store> <key>}: the key's creation and update times, expiry, tags, version and size. */
    public String meta(String store, String key) {
        return run(() -> store(store).metadata(key).map(KeyMetadataListing::describe).orElse(NOT_FOUND));
    }

    /** {@code strata:tagged <store> <tag>}: the live keys carrying the tag, at most {@value #DEFAULT_SCAN_LIMIT}. */
    public String tagged(String store, String tag) {
        return tagged(store, tag, String.valueOf(DEFAULT_SCAN_LIMIT));
    }

    /** {@code strata:tagged <store> <tag> <limit>}: at most limit keys, in key order, then a count line. */
    public String tagged(String store, String tag, String limit) {
        return run(() -> {
            int max = ScanListing.parseLimit(limit);
            // one more than the limit, to tell "exactly the limit" from "stopped at the limit"
            List<String> keys = store(store).keysTagged(typed(tag), max == Integer.MAX_VALUE ? max : max + 1);
            boolean more = keys.size() > max;
            List<String> shown = more ? keys.subList(0, max) : keys;
            StringBuilder out = new StringBuilder();
            shown.forEach(key -> out.append(ValueFormatter.escape(key)).append('\n'));
            out.append(shown.size()).append(shown.size() == 1 ? " key" : " keys");
            return more ? out.append(" (limit reached)").toString() : out.toString();
        });
    }

    public String tagged() {
        return usage("tagged", "missing <store>");
    }

    public String tagged(String store) {
        return usage("tagged", "missing <tag>");
    }

    /** {@code strata:metrics <store>}: the store's figures: keys, cache hit rate, expiry purge, change events. */
    public String metrics(String store) {
        return run(() -> KeyMetadataListing.figures(store(store).metrics()));
    }

    /** {@code strata:get <store> <key>}: the value as text, or as a hex dump when it is not UTF-8. */
    public String get(String store, String key) {
        return run(() -> {
            Optional<byte[]> value = store(store).get(typed(key));
            return value.map(ValueFormatter::full).orElse(NOT_FOUND);
        });
    }

    /** {@code strata:delete <store> <key>}. */
    public String delete(String store, String key) {
        return run(() -> store(store).delete(typed(key)) ? "deleted" : NOT_FOUND);
    }

    /** {@code strata:scan <store>}: every key, at most {@value #DEFAULT_SCAN_LIMIT} entries. */
    public String scan(String store) {
        return scan(store, "*");
    }

    /**
     * {@code strata:scan <store> <pattern>}: at most {@value #DEFAULT_SCAN_LIMIT} entries. Gogo expands unquoted
     * {@code *} and {@code ?} against the working directory like a Unix shell and passes the matching file names as
     * one list argument; the pattern is an {@code Object} so that such a list is recognised here (and answered with
     * the advice to quote the pattern) instead of being turned into text that matches nothing.
     */
    public String scan(String store, Object pattern) {
        return run(() -> withHint(store, pattern(store, pattern),
                ScanListing.list(store(store), typed(pattern(store, pattern)), DEFAULT_SCAN_LIMIT)));
    }

    /** {@code strata:scan <store> <pattern> <limit>}: glob pattern ({@code *}, {@code ?}), at most limit entries. */
    public String scan(String store, Object pattern, String limit) {
        return run(() -> {
            String glob = pattern(store, pattern);
            int max = ScanListing.parseLimit(limit);
            return withHint(store, glob, ScanListing.list(store(store), typed(glob), max));
        });
    }

    /** The pattern as typed; a list is what Gogo made of an unquoted glob that matched files. */
    private static String pattern(String store, Object pattern) {
        if (pattern instanceof java.util.Collection<?>) {
            throw new InvalidArgumentException(ShellExpansion.hint(store));
        }
        return pattern == null ? null : pattern.toString();
    }

    /** More words than scan takes: most likely a pattern Gogo expanded into several file names. */
    public String scan(String store, String pattern, String limit, String extra, String... more) {
        List<String> words = new java.util.ArrayList<>(List.of(pattern, limit, extra));
        words.addAll(List.of(more));
        return ShellExpansion.looksExpanded(words) ? "error: " + ShellExpansion.hint(store)
                : usage("scan", "too many arguments (" + (words.size() + 1) + ")");
    }

    /** A pattern that is the name of a file here and found nothing: most likely a glob Gogo replaced by that name. */
    private static String withHint(String store, String pattern, String listing) {
        return listing.startsWith("0 entries") && ShellExpansion.looksExpanded(List.of(pattern))
                ? listing + "\n" + ShellExpansion.hint(store) : listing;
    }

    /**
     * {@code strata:reopen <store>}: closes the store's engine and opens it again without touching its
     * configuration (after a failed open, or a read-only engine whose cause was dealt with), then prints the
     * store's status once the open has ended.
     */
    public String reopen(String store) {
        return run(() -> {
            Store target = store(store);
            control.reopen(target.name());
            long deadline = System.nanoTime() + REOPEN_WAIT_MILLIS * 1_000_000;
            StoreInfo info = target.info();
            while (info.status() == StoreStatus.OPENING && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                info = target.info();
            }
            String line = "store '" + info.name() + "' is " + info.status();
            return info.message().isEmpty() ? line : line + ": " + info.message();
        });
    }

    // A missing argument would get Gogo's raw "Cannot coerce put(String, String) to any of ...": these overloads
    // take the short calls and answer with the usage instead.

    public String put() {
        return usage("put", "missing <store>");
    }

    public String put(String store) {
        return usage("put", "missing <key>");
    }

    public String put(String store, String key) {
        return usage("put", "missing <value>");
    }

    /** {@code strata:put s k two words}: the value's words were not quoted. */
    public String put(String store, String key, String value, String extra, String... more) {
        return usage("put", "too many arguments (" + (4 + more.length) + "); quote a value with spaces");
    }

    public String get() {
        return usage("get", "missing <store>");
    }

    public String get(String store) {
        return usage("get", "missing <key>");
    }

    public String delete() {
        return usage("delete", "missing <store>");
    }

    public String delete(String store) {
        return usage("delete", "missing <key>");
    }

    public String scan() {
        return usage("scan", "missing <store>");
    }

    public String reopen() {
        return usage("reopen", "missing <store>");
    }

    static String usage(String command, String problem) {
        return "error: " + problem + "\nusage: strata:" + command + " " + USAGES.get(command);
    }

    private static final Map<String, String> USAGES = Map.of(
            "put", "<store> <key> <value>   (quote a value with spaces: 'two words')",
            "get", "<store> <key>",
            "delete", "<store> <key>",
            "scan", "<store> ['<pattern>'] [<limit>]   (quote patterns: 'users.*')",
            "reopen", "<store>",
            "tagged", "<store> <tag> [<limit>]");

    private static String typed(String word) {
        return ConsoleText.typed(word);
    }

    private Store store(String typedName) {
        String name = typed(typedName);
        if (name == null || name.isBlank()) {
            throw new InvalidArgumentException("store name must not be empty");
        }
        return storage.findStore(name).orElseThrow(() -> new NotFoundException("No store named '" + name
                + "'. Defined stores: " + definedStores()));
    }

    private String definedStores() {
        List<StoreInfo> stores = storage.stores();
        return stores.isEmpty() ? "(none)" : stores.stream().map(StoreInfo::name).collect(Collectors.joining(", "));
    }

    /** Runs a command; a Strata error becomes one line of text. Anything else is a bug and reaches Gogo as is. */
    private static String run(Supplier<String> command) {
        try {
            return command.get();
        } catch (StorageException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "error: " + message.replaceAll("\\s*\\R\\s*", " ");
        }
    }
}
