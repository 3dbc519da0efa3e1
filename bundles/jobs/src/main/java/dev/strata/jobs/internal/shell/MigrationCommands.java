package dev.strata.jobs.internal.shell;

import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code strata:migrate-confirm <job>} (let a migration that holds its switch freeze and switch) and
 * {@code strata:migrate-undo <store> [async]} (switch a store back to the engine it had before its last switch).
 * Names with a dash cannot be Java methods: Gogo calls {@code _main} with the function's name first.
 */
@Component(service = MigrationCommands.class)
@GogoCommand(scope = "strata", function = {"migrate-confirm", "migrate-undo"})
public final class MigrationCommands {

    private final JobService jobs;

    @Activate
    public MigrationCommands(@Reference JobService jobs) {
        this.jobs = jobs;
    }

    /** @param args the function's name, then its arguments */
    public String _main(String... args) {
        return ShellOutput.run(() -> {
            String function = args == null || args.length == 0 ? "" : args[0];
            if (function.endsWith("migrate-confirm") && args.length == 2) {
                JobInfo job = jobs.confirm(args[1]);
                return "job " + job.id() + ": confirmed; freezing '" + job.store() + "' and switching";
            }
            if (function.endsWith("migrate-undo") && (args.length == 2 || args.length == 3 && "async".equals(args[2]))) {
                return JobCommands.submit(jobs, EngineMigrationRequest.undoLast(args[1]), args.length == 3);
            }
            throw new InvalidArgumentException(function.endsWith("migrate-undo")
                    ? "usage: strata:migrate-undo <store> [async]" : "usage: strata:migrate-confirm <job id>");
        });
    }

    /** The request of {@code strata:migrate <store> engine=<backend> [<setting>=<value>...] [keep=..] [hold]}. */
    static EngineMigrationRequest engineRequest(String store, String engine, String... words) {
        Map<String, String> settings = new TreeMap<>();
        boolean hold = false;
        long keep = 0;
        for (String word : words == null ? new String[0] : words) {
            int eq = word.indexOf('=');
            if (word.equals("hold")) {
                hold = true;
            } else if (word.equals("async")) {
                continue;
            } else if (eq <= 0) {
                throw new InvalidArgumentException("unknown option '" + word + "' (options: <setting>=<value>, "
                        + "keep=<minutes>, hold, async)");
            } else if (word.startsWith("keep=")) {
                try {
                    keep = Long.parseLong(word.substring(5));
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("keep must be a number of minutes, was '" + word.substring(5)
                            + "'");
                }
            } else {
                settings.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return new EngineMigrationRequest(store, engine.substring("engine=".length()), settings, hold, keep, false);
    }
}
