package dev.strata.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli backends}: the installed engines. */
@Command(name = "backends", description = "List the installed backends.")
final class BackendsCommand implements Callable<Integer> {

    @ParentCommand
    StrataCli cli;

    @Override
    public Integer call() {
        try (RuntimeConnection runtime = cli.connect()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String line : RuntimeConnection.call(() -> runtime.runtime().getBackends())) {
                String[] parts = line.split(" ", 3);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("type", parts[0]);
                row.put("bundle", parts.length > 1 ? parts[1] : "");
                row.put("version", parts.length > 2 ? parts[2] : "");
                rows.add(row);
            }
            cli.output().table(List.of("type", "bundle", "version"), rows);
            return ExitCode.OK;
        }
    }
}
