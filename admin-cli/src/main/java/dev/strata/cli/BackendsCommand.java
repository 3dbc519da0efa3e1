package dev.strata.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.strata.api.management.BackendMXBean;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli backends}: the installed engines, their bundles and what they can do. */
@Command(name = "backends", description = "List the installed backends with their bundle and capabilities.")
final class BackendsCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("type", "bundle", "version", "state", "durability", "isolation",
            "persistent", "encryption", "compression", "stores");

    @ParentCommand
    StrataCli cli;

    @Override
    public Integer call() {
        try (RuntimeConnection runtime = cli.connect()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (BackendMXBean backend : runtime.backends()) {
                rows.add(RuntimeConnection.call(() -> row(backend, cli.output().json())));
            }
            cli.output().table(COLUMNS, rows);
            return ExitCode.OK;
        }
    }

    private static Map<String, Object> row(BackendMXBean backend, boolean json) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", backend.getType());
        row.put("bundle", backend.getBundleSymbolicName());
        row.put("version", backend.getBundleVersion());
        row.put("state", backend.getBundleState());
        row.put("durability", list(backend.getDurabilityLevels(), json));
        row.put("isolation", list(backend.getIsolationLevels(), json));
        row.put("persistent", backend.isPersistent());
        row.put("encryption", backend.isEncryption());
        row.put("compression", backend.isCompression());
        row.put("stores", list(backend.getStores(), json));
        return row;
    }

    /** A JSON array for scripts, comma-separated words in a table. */
    private static Object list(String[] values, boolean json) {
        return json ? List.of(values) : String.join(",", values);
    }
}
