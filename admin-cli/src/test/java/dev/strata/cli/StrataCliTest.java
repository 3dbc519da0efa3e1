package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void metricsShowEachKindOfOperationWithItsLatenciesAndTheErrorsByType() throws Exception {
        assertEquals(ExitCode.OK, cli("admin", goodPassword, "metrics", "files"), err);
        assertTrue(out.lines().anyMatch(l -> l.matches(
                "put\\s+150 \\(2 failed\\); p50 30\\.0 us, p95 38\\.0 us, p99 40\\.0 us, max 55\\.5 us")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("get\\s+7 \\(0 failed\\); p50 -, p95 -, p99 -, max -")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("errors\\s+StoreUnavailableException 2")), out);
        assertFalse(out.contains("/s"), "one reading has no rate: " + out);

        assertEquals(ExitCode.OK, cli("admin", goodPassword, "--json", "metrics", "files", "--watch", "--count", "1"), err);
        JsonNode put = new ObjectMapper().readTree(out).get("operations").get("put");
        // the fake adds 50 puts per reading; the readings are at least the one-second interval apart
        double perSecond = put.get("perSecond").asDouble();
        assertTrue(perSecond > 25 && perSecond <= 50, "rate from two readings' counts: " + perSecond);
        assertEquals(250, put.get("count").asLong());
        assertEquals(55.5, put.get("maxMicros").asDouble(), 1e-9);
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
    void aJobCommandFollowsTheJobAndExitsWithItsOutcome() throws Exception {
        assertEquals(ExitCode.OK, cli("admin", goodPassword, "backup", "files"), err);
        assertTrue(out.contains("state      SUCCEEDED") && out.contains("/backups/x.strata-backup"), out);
        assertTrue(err.lines().anyMatch(l -> l.contains("RUNNING") && l.contains("50 keys")),
                "piped output gets a plain progress line per change: " + err);
        assertEquals(ExitCode.FAILED, cli("admin", goodPassword, "backup", "elsewhere"), "a failed job exits 1");
        assertTrue(out.contains("failure    disk full"), out);
        assertEquals(ExitCode.OK, cli("admin", goodPassword, "--json", "jobs", "--history", "5"));
        assertEquals(2, new ObjectMapper().readTree(out).size());
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
