package dev.strata.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli bundle list|install|uninstall} (install and uninstall need role admin). */
@Command(name = "bundle", description = "List, install or uninstall bundles (install/uninstall: role admin).",
        subcommands = {BundleCommand.ListBundles.class, BundleCommand.Install.class, BundleCommand.Uninstall.class})
final class BundleCommand {

    @ParentCommand
    StrataCli cli;

    @Command(name = "list", description = "Every bundle with its id, version and state.")
    static final class ListBundles implements Callable<Integer> {
        @ParentCommand
        BundleCommand parent;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String line : RuntimeConnection.call(() -> runtime.runtime().getBundles())) {
                    String[] parts = line.split(" ", 4);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", parts[0]);
                    row.put("bundle", parts[1]);
                    row.put("version", parts[2]);
                    row.put("state", parts[3]);
                    rows.add(row);
                }
                parent.cli.output().table(List.of("id", "bundle", "version", "state"), rows);
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "install", description = "Install and start a bundle jar (a path on the runtime's machine).")
    static final class Install implements Callable<Integer> {
        @ParentCommand
        BundleCommand parent;

        @Parameters(paramLabel = "JAR")
        Path jar;

        @Override
        public Integer call() {
            Path absolute = jar.toAbsolutePath().normalize();
            if (!Files.isRegularFile(absolute)) {
                throw new CliFailure(ExitCode.USAGE, "error: no such file: " + absolute);
            }
            try (RuntimeConnection runtime = parent.cli.connect()) {
                long id = RuntimeConnection.call(() -> runtime.runtime().installBundle(absolute.toUri().toString()));
                parent.cli.output().message("installed bundle " + id + " from " + absolute);
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "uninstall", description = "Uninstall a bundle by id.")
    static final class Uninstall implements Callable<Integer> {
        @ParentCommand
        BundleCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                RuntimeConnection.run(() -> runtime.runtime().uninstallBundle(id));
                parent.cli.output().message("uninstalled bundle " + id);
                return ExitCode.OK;
            }
        }
    }
}
