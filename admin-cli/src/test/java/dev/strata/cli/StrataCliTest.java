package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real JMX connector: output, JSON, and the exit code of every kind of outcome. */
class StrataCliTest {

    @TempDir
    Path dir;
    private FakeRuntime runtime;
    private Path goodPassword;
    private String out;
    private String err;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        goodPassword = Files.writeString(dir.resolve("pw"), "pw\n");
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
    }

    private int cli(String user, Path passwordFile, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(runtime.port), "--user", user,
                "--password-file", passwordFile.toString()));
        all.addAll(List.of(args));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = StrataCli.run(all.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void storesPrintAsATableAndAsJson() throws Exception {
        assertEquals(ExitCode.OK, cli("admin", goodPassword, "stores"), err);
        assertTrue(out.lines().anyMatch(l -> l.matches("files\\s+file\\s+ONLINE\\s+1234\\s+4096\\s+512\\s+.*%")), out);
        assertEquals(ExitCode.OK, cli("admin", goodPassword, "--json", "stores"), err);
        JsonNode json = new ObjectMapper().readTree(out);
        assertEquals("files", json.get(0).get("name").asText());
        assertEquals(1234, json.get(0).get("keys").asLong());
    }

    @Test
    void watchedMetricsShowTheHitRateOfTheLastInterval() throws Exception {
        assertEquals(ExitCode.OK, cli("admin", goodPassword, "--json", "metrics", "files", "--watch", "--count", "1"), err);
        JsonNode json = new ObjectMapper().readTree(out);
        // the fake counts 3 hits and 1 miss per reading: 0.75 over an interval, whatever the totals since start
        assertEquals(0.75, json.get("cacheHitRateInterval").asDouble(), 1e-9);
    }

    @Test
    void everyOutcomeHasItsExitCodeAndOneLine() throws Exception {
        assertEquals(ExitCode.REFUSED, cli("admin", Files.writeString(dir.resolve("bad"), "nope"), "stores"));
        assertEquals("refused: Invalid user name or password", err.strip());
        assertEquals(ExitCode.REFUSED, cli("watcher", goodPassword, "store", "define", "x", "--backend", "memory"));
        assertTrue(err.startsWith("refused: Access denied"), err);
        assertEquals(List.of("files"), runtime.stores, "a refused definition changes nothing");
        assertEquals(ExitCode.FAILED, cli("admin", goodPassword, "metrics", "nowhere"));
        assertEquals("no store named 'nowhere'", err.strip());
        assertEquals(ExitCode.USAGE, cli("admin", goodPassword, "store", "define", "bad name", "--backend", "memory"));
        assertTrue(err.startsWith("error: store names are"), err);
        assertEquals(ExitCode.USAGE, cli("admin", goodPassword, "frobnicate"));
        assertEquals(ExitCode.USAGE, cli("admin", goodPassword, "store", "define", "x"), "--backend is required");
        assertEquals(ExitCode.FAILED, cli("admin", goodPassword, "audit", "--verify"), "a broken chain fails the check");
        assertEquals(ExitCode.OK, cli("admin", goodPassword, "store", "define", "orders", "--backend", "memory"));
        assertEquals(List.of("files", "orders"), runtime.stores);
    }

    @Test
    void anUnreachableRuntimeIsAFailureWithItsAddress() throws Exception {
        int port = runtime.port;
        runtime.close();
        runtime = new FakeRuntime();
        List<String> args = List.of("--port", Integer.toString(port), "--password-file", goodPassword.toString(), "stores");
        StringWriter e = new StringWriter();
        int code = StrataCli.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(e));
        assertEquals(ExitCode.FAILED, code);
        assertEquals("cannot reach the Strata runtime at 127.0.0.1:" + port + " (is it running, and is this its JMX port?)",
                e.toString().strip());
    }
}
