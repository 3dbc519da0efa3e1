package dev.strata.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command tests share: a {@link FakeRuntime} on a real JMX connector per test, a password file, and
 * {@link #cli} that runs the CLI as a user and keeps what it printed in {@link #out} and {@link #err}.
 */
abstract class CliAgainstFakeRuntime {

    @TempDir
    Path dir;
    FakeRuntime runtime;
    Path password;
    String out;
    String err;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        FakeRuntime.actions.clear();
        password = Files.writeString(dir.resolve("pw"), "pw\n");
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
    }

    int cli(String user, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(runtime.port), "--user", user,
                "--password-file", password.toString()));
        all.addAll(List.of(args));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = StrataCli.run(all.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }
}
