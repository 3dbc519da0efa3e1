package dev.strata.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the password comes from, in this order: a file ({@code --password-file}, first line), the environment
 * ({@code STRATA_PASSWORD}), or a prompt on the terminal that does not echo. Never from the command line, where
 * every user of the machine could read it.
 */
final class Credentials {

    static final String PASSWORD_VARIABLE = "STRATA_PASSWORD";

    private Credentials() {
    }

    static char[] password(Path file, Map<String, String> environment, Console console, String user) {
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int newline = text.indexOf('\n');
                return (newline < 0 ? text : text.substring(0, newline)).strip().toCharArray();
            } catch (IOException e) {
                throw new CliFailure(ExitCode.USAGE, "cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (console == null) {
            throw new CliFailure(ExitCode.USAGE, "no password: use --password-file, set " + PASSWORD_VARIABLE
                    + ", or run on a terminal to be asked");
        }
        char[] typed = console.readPassword("Password for %s: ", user);
        if (typed == null) {
            throw new CliFailure(ExitCode.USAGE, "no password given");
        }
        return typed;
    }
}
