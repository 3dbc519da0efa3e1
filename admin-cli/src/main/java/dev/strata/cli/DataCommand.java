package dev.strata.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.strata.api.management.KeyEntry;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.ValueView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code strata-cli data ls|get|put|rm}: a store's keys and values through {@code dev.strata:type=DataBrowser}
 * (reading needs role monitor, writing role admin).
 */
@Command(name = "data", description = "Browse and edit a store's data (ls and get: monitor; put and rm: admin).",
        subcommands = {DataCommand.Ls.class, DataCommand.Get.class, DataCommand.Put.class, DataCommand.Rm.class})
final class DataCommand {

    @ParentCommand
    StrataCli cli;

    @Command(name = "ls", description = "One page of keys matching a glob, in key order: strata-cli data ls files 'users.*'")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Parameters(index = "0", paramLabel = "STORE")
        String store;

        @Parameters(index = "1", paramLabel = "PATTERN", defaultValue = "*",
                description = "A glob: * any run of characters, ? one (default: every key). Quote it in a shell.")
        String pattern;

        @Option(names = "--after", paramLabel = "KEY", defaultValue = "", description = "Start after this key (the "
                + "'next' of the previous page).")
        String after;

        @Option(names = "--limit", defaultValue = "100", description = "Keys per page, 1 to 1000 (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                KeyPage page = RuntimeConnection.call(() -> runtime.data().listKeys(store, pattern, after, limit));
                Output output = parent.cli.output();
                if (output.json()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("entries", page.entries());
                    json.put("next", page.next());
                    output.value(json);
                    return ExitCode.OK;
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (KeyEntry entry : page.entries()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", entry.key());
                    row.put("bytes", entry.valueSize());
                    row.put("value", entry.preview());
                    rows.add(row);
                }
                output.table(List.of("key", "bytes", "value"), rows);
                output.message(page.hasMore() ? "more: --after '" + page.next() + "'"
                        : page.entries().size() + (page.entries().size() == 1 ? " key" : " keys"));
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "get", description = "A value: as text when it is UTF-8, else Base64 (with a note on stderr).")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Parameters(index = "0", paramLabel = "STORE")
        String store;

        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @Option(names = "--max-bytes", defaultValue = "1048576", description = "Show at most this many bytes (default: ${DEFAULT-VALUE}).")
        int maxBytes;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                ValueView value = RuntimeConnection.call(() -> runtime.data().getValue(store, key, maxBytes));
                if (!value.found()) {
                    throw new CliFailure(ExitCode.FAILED, "no key '" + key + "' in store '" + store + "'");
                }
                Output output = parent.cli.output();
                if (output.json()) {
                    output.value(value);
                } else {
                    output.message(value.utf8() ? value.text() : value.base64());
                    if (!value.utf8() || value.truncated()) {
                        parent.cli.spec.commandLine().getErr().println("(" + value.size() + " bytes"
                                + (value.utf8() ? "" : ", not UTF-8: shown as Base64")
                                + (value.truncated() ? ", only the first " + maxBytes + " shown" : "") + ")");
                    }
                }
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "put", description = "Write a value (role admin): strata-cli data put files greeting 'héllo'")
    static final class Put implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Parameters(index = "0", paramLabel = "STORE")
        String store;

        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @Parameters(index = "2", paramLabel = "VALUE")
        String value;

        @Option(names = "--encoding", defaultValue = "text", description = "How VALUE is given: text (stored as "
                + "UTF-8), base64 or hex (default: ${DEFAULT-VALUE}).")
        String encoding;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                RuntimeConnection.run(() -> runtime.data().putValue(store, key, value, encoding));
                parent.cli.output().message("ok");
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "rm", description = "Delete a key (role admin); exit code 1 when it was not there.")
    static final class Rm implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Parameters(index = "0", paramLabel = "STORE")
        String store;

        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                boolean existed = RuntimeConnection.call(() -> runtime.data().deleteValue(store, key));
                if (!existed) {
                    throw new CliFailure(ExitCode.FAILED, "no key '" + key + "' in store '" + store + "'");
                }
                parent.cli.output().message("deleted");
                return ExitCode.OK;
            }
        }
    }
}
