package dev.strata.jobs.internal.shell;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.management.JobService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code strata:archive-get <store> <key>}: reads an archived key back from the cold tier. A Java method cannot be
 * named {@code archive-get}; Gogo calls {@code _main} on a command service whose class has no method of the
 * function's name (passing the function's name first), so this command is a service of its own.
 */
@Component(service = ArchiveGetCommand.class)
@GogoCommand(scope = "strata", function = "archive-get")
public final class ArchiveGetCommand {

    private final JobService jobs;

    @Activate
    public ArchiveGetCommand(@Reference JobService jobs) {
        this.jobs = jobs;
    }

    /** @param args the function's name, then the store and the key */
    public String _main(String... args) {
        return ShellOutput.run(() -> {
            if (args == null || args.length != 3) {
                throw new InvalidArgumentException("usage: strata:archive-get <store> <key>");
            }
            return get(args[1], args[2]);
        });
    }

    String get(String store, String key) {
        return jobs.readArchived(store, key).map(ValueText::of).orElse("(not in any archive of '" + store + "')");
    }
}
