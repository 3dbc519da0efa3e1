package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli store define|remove}: store definitions (role admin). */
@Command(name = "store", description = "Define or remove a store (role admin).",
        subcommands = {StoreCommand.Define.class, StoreCommand.Remove.class})
final class StoreCommand {

    @ParentCommand
    StrataCli cli;

    @Command(name = "define", description = "Define a store: strata-cli store define orders --backend file --set durability=fsync")
    static final class Define implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--backend", required = true, description = "memory, file, xodus, or a plugin's type.")
        String backend;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A store setting (repeatable).")
        Map<String, String> settings = new LinkedHashMap<>();

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                RuntimeConnection.run(() -> runtime.runtime().defineStore(name, backend, settings));
                parent.cli.output().message("defined store '" + name + "' on backend '" + backend + "'");
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "remove", description = "Remove a store's definition (its data stays on disk).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                RuntimeConnection.run(() -> runtime.runtime().removeStore(name));
                parent.cli.output().message("removed store '" + name + "'");
                return ExitCode.OK;
            }
        }
    }
}
