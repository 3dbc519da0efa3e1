package dev.strata.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli audit [--last N] [--verify]}: the audit trail; {@code --verify} exits 1 when it was tampered with. */
@Command(name = "audit", description = "Show the newest audit entries, or --verify the hash chain.")
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    StrataCli cli;

    @Option(names = "--last", defaultValue = "20", description = "How many of the newest entries (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--verify", description = "Check the whole chain; exit 1 when an entry was changed or removed.")
    boolean verify;

    @Override
    public Integer call() {
        try (RuntimeConnection runtime = cli.connect()) {
            if (verify) {
                String result = RuntimeConnection.call(() -> runtime.audit().verify());
                cli.output().message(result);
                return result.startsWith("ok") ? ExitCode.OK : ExitCode.FAILED;
            }
            if (last < 1) {
                throw new CliFailure(ExitCode.USAGE, "error: --last must be at least 1");
            }
            long size = RuntimeConnection.call(() -> runtime.audit().getEntryCount());
            String[] entries = RuntimeConnection.call(() -> runtime.audit().entries(Math.max(0, size - last), last));
            cli.output().message(entries.length == 0 ? "The audit trail is empty." : String.join("\n", entries));
            return ExitCode.OK;
        }
    }
}
