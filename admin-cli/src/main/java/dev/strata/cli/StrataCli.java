package dev.strata.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code strata-cli}: a running Strata runtime from a terminal or a script, over its JMX connector. Every failure is
 * one line on standard error and an exit code ({@link ExitCode}); {@code --json} prints machine-readable output.
 */
@Command(name = "strata-cli", mixinStandardHelpOptions = true, versionProvider = StrataCli.Version.class,
        description = "Operate a running Strata runtime over its secured JMX connector.",
        footer = {"", "Password: --password-file, STRATA_PASSWORD, or a prompt (not echoed).",
                "Exit codes: 0 ok, 1 failed (a job included), 2 usage, 3 refused (login or role)."},
        subcommands = {StoresCommand.class, BackendsCommand.class, DataCommand.class, MetricsCommand.class, StoreCommand.class,
                BundleCommand.class, AuditCommand.class, WhoAmICommand.class, JobCommands.Backup.class,
                JobCommands.Restore.class, JobCommands.Verify.class, JobCommands.Migrate.class,
                JobCommands.Archive.class, EngineMigrationCommands.MigrateEngine.class, EngineMigrationCommands.Confirm.class,
                EngineMigrationCommands.MigrateUndo.class, JobCommands.Jobs.class, JobCommands.Job.class,
                JobCommands.Cancel.class})
public final class StrataCli implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The runtime's JMX address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "9099", description = "The runtime's JMX port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-u", "--user"}, defaultValue = "${env:STRATA_USER:-admin}",
            description = "JMX user (default: STRATA_USER, else admin).")
    String user;

    @Option(names = "--password-file", description = "Read the password from the first line of this file.")
    Path passwordFile;

    @Option(names = "--tls", description = "The runtime's connector speaks TLS (strata.jmx.tls.keystore is set).")
    boolean tls;

    @Option(names = "--truststore", paramLabel = "FILE", description = "With --tls: trust the certificates of this "
            + "PKCS12 (or .jks) file; its password, if any, from STRATA_TRUSTSTORE_PASSWORD.")
    Path truststore;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is missing (stores, metrics, store, ...)");
    }

    RuntimeConnection connect() {
        if (truststore != null && !tls) {
            throw new CliFailure(ExitCode.USAGE, "--truststore is for a TLS connector: add --tls");
        }
        if (tls) {
            Tls.trust(truststore, System.getenv());
        }
        char[] password = Credentials.password(passwordFile, System.getenv(), System.console(), user);
        return RuntimeConnection.open(host, port, user, password, tls);
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), json);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; what {@link #main} exits with. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new StrataCli());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliFailure failure) {
                err.println(failure.getMessage());
                return failure.exitCode();
            }
            err.println("error: " + e);
            return ExitCode.FAILED;
        });
        return line.execute(args);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StrataCli.class.getPackage().getImplementationVersion();
            return new String[] {"strata-cli " + (version == null ? "(development)" : version)};
        }
    }
}
