package dev.strata.jobs.internal.shell;

import dev.strata.api.StorageException;

/** Command bodies whose expected failures become one {@code error: } line, as a shell user wants. */
final class ShellOutput {

    private ShellOutput() {
    }

    /** Runs a command body; expected failures become one {@code error: } line. */
    static String run(Body body) {
        try {
            return body.get();
        } catch (StorageException e) {
            return "error: " + firstLine(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted (the job goes on: strata:jobs)";
        }
    }

    @FunctionalInterface
    interface Body {
        String get() throws InterruptedException;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown failure";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
