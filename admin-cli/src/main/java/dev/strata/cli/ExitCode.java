package dev.strata.cli;

/** What {@code strata-cli} exits with, so a script can tell outcomes apart. */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;
    /** The operation (or a job it ran) failed, or the runtime could not be reached. */
    public static final int FAILED = 1;
    /** The command line was wrong: unknown command, missing argument, bad value. */
    public static final int USAGE = 2;
    /** The runtime refused: wrong user name or password, or the user's role may not do this. */
    public static final int REFUSED = 3;

    private ExitCode() {
    }
}
