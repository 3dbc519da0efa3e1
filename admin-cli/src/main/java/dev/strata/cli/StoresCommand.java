package dev.strata.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.strata.api.management.StoreMXBean;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli stores}: every defined store with its status and main figures. */
@Command(name = "stores", description = "List the stores: backend, status, keys, disk, WAL, cache hit rate.")
final class StoresCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("name", "backend", "status", "keys", "diskBytes", "walBytes",
            "cacheHitRate", "message");

    @ParentCommand
    StrataCli cli;

    @Override
    public Integer call() {
        try (RuntimeConnection runtime = cli.connect()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String name : RuntimeConnection.call(() -> runtime.runtime().getStores())) {
                rows.add(row(runtime.store(name)));
            }
            cli.output().table(COLUMNS, rows);
            return ExitCode.OK;
        }
    }

    static Map<String, Object> row(StoreMXBean store) {
        return RuntimeConnection.call(() -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", store.getName());
            row.put("backend", store.getBackend());
            row.put("status", store.getStatus());
            row.put("keys", store.getKeys());
            row.put("diskBytes", store.getDiskBytes());
            row.put("walBytes", store.getWalBytes());
            row.put("cacheHitRate", store.getCacheHitRate());
            row.put("message", store.getMessage());
            return row;
        });
    }
}
