package dev.strata.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.strata.api.management.SettingInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code strata-cli store ...}: store definitions (define, change, remove: role admin; show, form: monitor) and
 * maintenance ({@link StoreMaintenance}: close, open, checkpoint, compact: role operator).
 */
@Command(name = "store", description = "Define, show, change or remove a store; its form; its maintenance.",
        subcommands = {StoreCommand.Define.class, StoreCommand.Remove.class, StoreCommand.Show.class,
                StoreCommand.Form.class, StoreCommand.Change.class, StoreMaintenance.Close.class,
                StoreMaintenance.Open.class, StoreMaintenance.Checkpoint.class, StoreMaintenance.Compact.class})
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

    @Command(name = "show", description = "A store's definition (secrets shown as ****).")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                Map<String, String> definition = RuntimeConnection.call(() -> runtime.runtime().getStoreDefinition(name));
                parent.cli.output().record(new LinkedHashMap<>(definition));
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "form", description = "The settings a store on this backend takes (core's and the backend's).")
    static final class Form implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Parameters(paramLabel = "BACKEND")
        String backend;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                SettingInfo[] form = RuntimeConnection.call(() -> runtime.runtime().getStoreForm(backend));
                Output output = parent.cli.output();
                if (output.json()) {
                    output.value(List.of(form));
                    return ExitCode.OK;
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SettingInfo setting : form) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", setting.id());
                    row.put("type", setting.type());
                    row.put("default", setting.defaultValue());
                    row.put("choices", String.join("|", setting.optionValues()));
                    row.put("from", setting.source());
                    row.put("description", setting.name());
                    rows.add(row);
                }
                output.table(List.of("key", "type", "default", "choices", "from", "description"), rows);
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "change", description = "Change settings (role admin): strata-cli store change files durability=fsync; "
            + "key= removes a setting.")
    static final class Change implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE")
        List<String> assignments;

        @Override
        public Integer call() {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String assignment : assignments) {
                int equals = assignment.indexOf('=');
                if (equals <= 0) {
                    throw new CliFailure(ExitCode.USAGE, "error: a setting is KEY=VALUE, was '" + assignment + "'");
                }
                settings.put(assignment.substring(0, equals).trim(), assignment.substring(equals + 1));
            }
            try (RuntimeConnection runtime = parent.cli.connect()) {
                RuntimeConnection.run(() -> runtime.runtime().changeStore(name, settings));
                parent.cli.output().message("changed store '" + name + "': " + String.join(", ", settings.keySet()));
                return ExitCode.OK;
            }
        }
    }
}
