package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli whoami}: the connected user and role, as the runtime sees them. */
@Command(name = "whoami", description = "Show the user and role the runtime sees.")
final class WhoAmICommand implements Callable<Integer> {

    @ParentCommand
    StrataCli cli;

    @Override
    public Integer call() {
        try (RuntimeConnection runtime = cli.connect()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("user", RuntimeConnection.call(() -> runtime.access().getUser()));
            fields.put("role", RuntimeConnection.call(() -> runtime.access().getRole()));
            cli.output().record(fields);
            return ExitCode.OK;
        }
    }
}
