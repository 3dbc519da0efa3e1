package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The store maintenance, definition and data commands and the backends list, against the fake runtime. */
class StoreAndDataCommandsTest extends CliAgainstFakeRuntime {

    @Test
    void maintenanceRunsOnTheStoreBeanAndARefusedRoleExitsThree() {
        for (String operation : List.of("checkpoint", "compact", "close", "open")) {
            assertEquals(ExitCode.OK, cli("admin", "store", operation, "files"), err);
        }
        assertEquals("store 'files' opened (now ONLINE)", out.strip());
        assertEquals(List.of("checkpoint files", "compact files", "close files", "open files"), FakeRuntime.actions);
        assertEquals(ExitCode.REFUSED, cli("watcher", "store", "compact", "files"));
        assertTrue(err.startsWith("refused: Access denied: user 'watcher' (role monitor) may not compact"), err);
        assertEquals(ExitCode.FAILED, cli("admin", "store", "close", "nowhere"));
        assertEquals("no store named 'nowhere'", err.strip());
        assertEquals(4, FakeRuntime.actions.size(), "refused and unknown changed nothing");
        assertEquals(ExitCode.USAGE, cli("admin", "store", "checkpoint"), "the store is required");
    }

    @Test
    void formShowAndChange() throws Exception {
        assertEquals(ExitCode.OK, cli("admin", "store", "form", "file"), err);
        assertTrue(out.lines().anyMatch(l -> l.matches("durability\\s+STRING\\s+os\\s+none\\|os\\|fsync\\s+store\\s+Durability")), out);
        assertEquals(ExitCode.OK, cli("admin", "--json", "store", "form", "file"), err);
        assertEquals("segment.size", new ObjectMapper().readTree(out).get(1).get("id").asText());
        assertEquals(ExitCode.FAILED, cli("admin", "store", "form", "rocks"));
        assertTrue(err.startsWith("error: no backend of type 'rocks'"), err);

        assertEquals(ExitCode.OK, cli("admin", "store", "show", "files"), err);
        assertTrue(out.lines().anyMatch(l -> l.matches("encryption.passphrase\\s+\\*\\*\\*\\*")), out);

        assertEquals(ExitCode.OK, cli("admin", "store", "change", "files", "durability=fsync", "cache.size="), err);
        assertEquals(List.of("change files {cache.size=, durability=fsync}"), FakeRuntime.actions);
        assertEquals(ExitCode.USAGE, cli("admin", "store", "change", "files", "durability"));
        assertEquals("error: a setting is KEY=VALUE, was 'durability'", err.strip());
        assertEquals(ExitCode.REFUSED, cli("watcher", "store", "change", "files", "durability=none"));
        assertEquals(1, FakeRuntime.actions.size());
    }

    @Test
    void dataPagesGetPutAndRm() throws Exception {
        for (int i = 0; i < 5; i++) {
            runtime.data.put("users." + i, ("user " + i).getBytes(StandardCharsets.UTF_8));
        }
        runtime.data.put("other", new byte[] {1});
        assertEquals(ExitCode.OK, cli("watcher", "data", "ls", "files", "users.*", "--limit", "2"), err);
        assertTrue(out.lines().anyMatch(l -> l.matches("users.0\\s+6\\s+user 0")), out);
        assertTrue(out.strip().endsWith("more: --after 'users.1'"), out);
        assertEquals(ExitCode.OK, cli("watcher", "--json", "data", "ls", "files", "users.*", "--after", "users.3"), err);
        JsonNode page = new ObjectMapper().readTree(out);
        assertEquals("users.4", page.get("entries").get(0).get("key").asText());
        assertEquals("", page.get("next").asText());

        assertEquals(ExitCode.OK, cli("watcher", "data", "get", "files", "users.2"), err);
        assertEquals("user 2", out.strip());
        assertEquals(ExitCode.FAILED, cli("watcher", "data", "get", "files", "nope"));
        assertEquals("no key 'nope' in store 'files'", err.strip());

        assertEquals(ExitCode.REFUSED, cli("watcher", "data", "put", "files", "k", "v"));
        assertTrue(err.startsWith("refused: Access denied: user 'watcher' (role monitor) may not putValue"), err);
        assertEquals(ExitCode.OK, cli("admin", "data", "put", "files", "k", "héllo"), err);
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), runtime.data.get("k"));
        assertEquals(ExitCode.OK, cli("admin", "data", "put", "files", "bin", "ff00", "--encoding", "hex"), err);
        assertArrayEquals(new byte[] {(byte) 0xff, 0}, runtime.data.get("bin"));
        assertEquals(ExitCode.OK, cli("admin", "data", "get", "files", "bin"), err);
        assertEquals("/wA=", out.strip());
        assertTrue(err.contains("not UTF-8: shown as Base64"), err);
        assertEquals(ExitCode.USAGE, cli("admin", "data", "put", "files", "k", "v", "--encoding", "rot13"));
        assertTrue(err.startsWith("error: encoding is text, base64 or hex"), err);

        assertEquals(ExitCode.REFUSED, cli("watcher", "data", "rm", "files", "k"));
        assertEquals(ExitCode.OK, cli("admin", "data", "rm", "files", "k"), err);
        assertEquals(ExitCode.FAILED, cli("admin", "data", "rm", "files", "k"), "gone already");
    }

    @Test
    void backendsShowTheirCapabilities() throws Exception {
        assertEquals(ExitCode.OK, cli("watcher", "backends"), err);
        assertTrue(out.lines().anyMatch(l -> l.matches(
                "file\\s+dev.strata.backend-file\\s+0.1.0\\s+ACTIVE\\s+none,os,fsync\\s+snapshot,serializable\\s+true\\s+true\\s+true\\s+files")), out);
        assertEquals(ExitCode.OK, cli("watcher", "--json", "backends"), err);
        JsonNode json = new ObjectMapper().readTree(out);
        assertEquals("fsync", json.get(0).get("durability").get(2).asText());
    }
}
