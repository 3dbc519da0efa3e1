package dev.strata.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code bin/strata} run as a process, driven through its standard input as a person at the Gogo prompt would:
 * send a line, wait for the next prompt, read what the command printed. Standard error is merged into the output.
 */
final class ShellSession implements AutoCloseable {

    static final String PROMPT = "strata> ";
    static final java.time.Duration FIRST_PROMPT_TIMEOUT = java.time.Duration.ofMinutes(3);

    private final Process process;
    private final OutputStream input;
    private final StringBuffer output = new StringBuffer();

    private ShellSession(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        Thread reader = new Thread(() -> copyOutput(process.getInputStream()), "strata output reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the script in the working directory, with extra environment variables. */
    static ShellSession start(Path script, Path workingDir, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(script.toString()).directory(workingDir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ShellSession(builder.start());
    }

    /** Waits for the first prompt. */
    void awaitPrompt() {
        // a JVM and a framework starting: measured over a minute here while other builds kept the machine at load 40
        Await.value("the first prompt (output so far: " + output + ")", FIRST_PROMPT_TIMEOUT,
                () -> output.indexOf(PROMPT) >= 0 ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Sends the command and returns what it printed before the next prompt. */
    String run(String command) {
        int start = output.length();
        send(command);
        return Await.value("the prompt after '" + command + "' (output so far: " + output.substring(start) + ")",
                () -> {
                    int prompt = output.indexOf(PROMPT, start);
                    return prompt < 0 ? Optional.empty()
                            : Optional.of(output.substring(start, prompt));
                });
    }

    /** Everything the runtime printed so far, for a failure message that must show what came after a prompt. */
    String transcript() {
        return output.toString();
    }

    /** Runs the command again and again until what it prints satisfies the expectation, and returns that. */
    String runUntil(String command, String expectation, Predicate<String> expected) {
        return Await.value("'" + command + "' to print " + expectation, () -> {
            String printed = run(command);
            return expected.test(printed) ? Optional.of(printed) : Optional.empty();
        });
    }

    /** Sends a line without waiting (for a command that ends the session). */
    void send(String line) {
        try {
            input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the shell (output so far: " + output + ")", e);
        }
    }

    /** Waits for the process to end and returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("bin/strata still runs after " + Await.TIMEOUT.toSeconds() + " s; output: "
                    + output);
        }
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    /** Kills the process if a failed test left it running: no Felix may outlive the test. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void copyOutput(InputStream stream) {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                output.append(buffer, 0, read);
            }
        } catch (IOException e) {
            output.append("\n[output reader stopped: ").append(e).append("]");
        }
    }
}
