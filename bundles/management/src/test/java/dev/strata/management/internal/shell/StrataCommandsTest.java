package dev.strata.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.BackendInfo;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StoreStatus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shell commands' output, for success and for every error a person can cause at the shell. */
class StrataCommandsTest {

    private static final String UNKNOWN_STORE = "error: No store named 'nope'. Defined stores: default, files, plugin";

    private final TreeMapStorageService storage = new TreeMapStorageService();
    private final StrataCommands commands = new StrataCommands(storage, storage);
    private TreeMapStorageService.TreeMapStore store;

    @BeforeEach
    void defineStores() {
        store = storage.define("default", "memory", StoreStatus.ONLINE, "");
        storage.define("files", "file", StoreStatus.READ_ONLY, "fsync failed: no space left on device");
        storage.define("plugin", "example", StoreStatus.UNAVAILABLE, "backend 'example' is not installed");
    }

    private static StrataCommands commandsOn(TreeMapStorageService service) {
        return new StrataCommands(service, service);
    }

    @Test
    void reopenReopensTheStoreAndPrintsItsStatusAfterwards() {
        assertEquals("store 'plugin' is ONLINE", commands.reopen("plugin"));
        assertEquals(List.of("plugin"), storage.reopened);
        assertEquals(UNKNOWN_STORE, commands.reopen("nope"));
        assertEquals("error: store name must not be empty", commands.reopen(" "));
        assertEquals(List.of("plugin"), storage.reopened, "nothing reopened for bad input");
    }

    private static BackendCapabilities capabilities(boolean persistent, boolean encryption, boolean compression) {
        return new BackendCapabilities(EnumSet.of(IsolationLevel.SNAPSHOT), EnumSet.allOf(Durability.class),
                persistent, encryption, compression, false, false);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void backendsAreATable() {
        storage.install(new BackendInfo("file", "dev.strata.backend-file", "0.1.0", capabilities(true, true, true)));
        storage.install(new BackendInfo("memory", "dev.strata.backend-memory", "0.1.0.2026", capabilities(false, false, false)));
        assertEquals("""
                TYPE    BUNDLE                     VERSION     PERSISTENT  ENCRYPTION  COMPRESSION
                ------  -------------------------  ----------  ----------  ----------  -----------
                file    dev.strata.backend-file    0.1.0       yes         yes         yes
                memory  dev.strata.backend-memory  0.1.0.2026  no          no          no""", commands.backends());
    }

    @Test
    void noBackendsIsSaidInWords() {
        assertEquals("No backends installed.", commands.backends());
    }

    @Test
    void storesAreATableWithStatusAndReason() {
        assertEquals("""
                NAME     BACKEND  STATUS       DURABILITY  MESSAGE
                -------  -------  -----------  ----------  -------------------------------------
                default  memory   ONLINE       os
                files    file     READ_ONLY    os          fsync failed: no space left on device
                plugin   example  UNAVAILABLE  os          backend 'example' is not installed""", commands.stores());
    }

    @Test
    void noStoresIsSaidInWords() {
        assertEquals("No stores defined.", commandsOn(new TreeMapStorageService()).stores());
    }

    @Test
    void putWithATtlAndMetaPrintsTheKeysMetadata() {
        assertEquals("ok", commands.put("default", "session", "token", "--ttl=30s"));
        assertEquals("""
                created  2026-12-01T12:00:00Z
                updated  2026-12-01T12:00:00Z
                expires  2026-12-01T12:00:30Z
                tags     -
                version  1
                size     5 bytes""", commands.meta("default", "session"));
        assertEquals(java.time.Duration.ofMillis(500), KeyMetadataListing.ttlOption("--ttl=500ms"));
        assertEquals(java.time.Duration.ofDays(7), KeyMetadataListing.ttlOption("--ttl=7d"));
        assertEquals(java.time.Duration.ofSeconds(12), KeyMetadataListing.ttlOption("--ttl=12"));
        assertEquals("error: '--ttl=soon' is not a time to live; use for example --ttl=30s, --ttl=500ms, --ttl=5m, "
                + "--ttl=1h or --ttl=7d", commands.put("default", "k", "v", "--ttl=soon"));
        assertEquals("error: unknown option '-t'; strata:put takes --ttl=<duration> (500ms, 30s, 5m, 1h, 7d) after "
                + "the value", commands.put("default", "k", "v", "-t"));
        assertEquals(StrataCommands.NOT_FOUND, commands.get("default", "k"), "a refused put wrote nothing");
        assertEquals(StrataCommands.NOT_FOUND, commands.meta("default", "nothing"));
    }

    @Test
    void metricsPrintsKeysAndTheCacheHitRate() {
        commands.put("default", "a", "1");
        assertEquals("""
                keys                  1
                cache hits            -1
                cache misses          -1
                cache hit rate        -""", commands.metrics("default"));
        assertEquals("error: No store named 'nowhere'. Defined stores: default, files, plugin", commands.metrics("nowhere"));
        assertEquals("keys                  3\ncache hits            3\ncache misses          1\n"
                + "cache hit rate        75.0%\ncache.evictions       2\nttl.purged            5", KeyMetadataListing.figures(new dev.strata.api.StoreMetrics(3,
                0, 0, 0, 3, 1, "idle", java.util.Map.of("ttl.purged", 5L, "cache.evictions", 2L, "segments", 4), null,
                0, null, 0)));
    }

    @Test
    void putStoresUtf8AndGetPrintsIt() {
        assertEquals("ok", commands.put("default", "greeting", "grüß dich"));
        assertEquals("grüß dich", new String(store.data.get("greeting"), StandardCharsets.UTF_8));
        assertEquals("grüß dich", commands.get("default", "greeting"));
    }

    @Test
    void getOfAnAbsentKeyAndOfAnEmptyValue() {
        assertEquals("(not found)", commands.get("default", "absent"));
        store.data.put("empty", new byte[0]);
        assertEquals("(empty value)", commands.get("default", "empty"));
    }

    @Test
    void binaryValuesAreShownAsHexWithANote() {
        store.data.put("bin", new byte[] {0, 1, (byte) 0xFF, 'A', (byte) 0xC3});
        assertEquals("(not valid UTF-8: 5 bytes, shown as hex)\n0000  00 01 ff 41 c3", commands.get("default", "bin"));
    }

    @Test
    void deleteSaysWhetherTheKeyWasThere() {
        store.data.put("k", utf8("v"));
        assertEquals("deleted", commands.delete("default", "k"));
        assertEquals("(not found)", commands.delete("default", "k"));
        assertTrue(store.data.isEmpty());
    }

    @Test
    void scanListsMatchingKeysWithACount() {
        store.data.put("users.ann", utf8("Ann"));
        store.data.put("users.bob", utf8("line one\nline two"));
        store.data.put("users.cy", new byte[] {(byte) 0xFF, 0x00});
        store.data.put("orders.1", utf8("x"));
        assertEquals("""
                users.ann = Ann
                users.bob = line one\\nline two
                users.cy = 0xff00 (binary, 2 bytes)
                3 entries""", commands.scan("default", "users.*"));
        assertEquals("orders.1 = x\n1 entry", commands.scan("default", "orders.*", "1"));
        assertEquals("0 entries", commands.scan("default", "logs.2026-??-*"));
        assertEquals(commands.scan("default", "*"), commands.scan("default"), "no pattern: every key");
    }

    @Test
    void taggedListsTheKeysCarryingATagWithACountAndALimit() {
        store.put("session.ann", utf8("1"), dev.strata.api.PutOptions.tags("web", "eu"));
        store.put("session.bob", utf8("2"), dev.strata.api.PutOptions.tags("web"));
        store.put("job.7", utf8("3"), dev.strata.api.PutOptions.tags("batch"));
        store.put("plain", utf8("4"));
        assertEquals("session.ann\nsession.bob\n2 keys", commands.tagged("default", "web"));
        assertEquals("session.ann\n1 key (limit reached)", commands.tagged("default", "web", "1"));
        assertEquals("session.ann\nsession.bob\n2 keys", commands.tagged("default", "web", "2"), "exactly the limit");
        assertEquals("0 keys", commands.tagged("default", "none"));
        assertTrue(commands.tagged("default", "web", "0").startsWith("error: limit must be"));
        assertTrue(commands.tagged("default", "").startsWith("error: "), "an empty tag is refused");
        assertEquals(UNKNOWN_STORE, commands.tagged("nope", "web"));
        assertTrue(commands.tagged("default").startsWith("error: missing <tag>\nusage: strata:tagged"));
    }

    @Test
    void scanSaysWhenTheLimitCutItShort() {
        for (int i = 0; i < 150; i++) {
            store.data.put(String.format("k%03d", i), utf8("v"));
        }
        String defaultLimit = commands.scan("default", "*");
        assertTrue(defaultLimit.startsWith("k000 = v\n"), defaultLimit);
        assertTrue(defaultLimit.endsWith("k099 = v\n100 entries (limit reached)"), defaultLimit);
        assertEquals("k000 = v\nk001 = v\n2 entries (limit reached)", commands.scan("default", "k*", "2"));
    }

    @Test
    void scanOfExactlyTheLimitIsNotCutShort() {
        store.data.put("a", utf8("1"));
        store.data.put("b", utf8("2"));
        assertEquals("a = 1\nb = 2\n2 entries", commands.scan("default", "*", "2"));
    }

    @Test
    void longTextValuesAreShortenedInScans() {
        store.data.put("long", utf8("x".repeat(500)));
        assertEquals("long = " + "x".repeat(ValueFormatter.LINE_TEXT_LIMIT) + "... (500 bytes)\n1 entry",
                commands.scan("default", "long"));
    }

    @Test
    void anUnknownStoreNamesTheDefinedOnes() {
        assertEquals(UNKNOWN_STORE, commands.put("nope", "k", "v"));
        assertEquals(UNKNOWN_STORE, commands.get("nope", "k"));
        assertEquals(UNKNOWN_STORE, commands.delete("nope", "k"));
        assertEquals(UNKNOWN_STORE, commands.scan("nope", "*"));
        assertEquals(UNKNOWN_STORE, commands.scan("nope", "*", "5"));
        assertEquals("error: No store named 'x'. Defined stores: (none)",
                commandsOn(new TreeMapStorageService()).get("x", "k"));
        assertEquals(List.of("default", "files", "plugin"), storage.stores().stream().map(s -> s.name()).toList(),
                "no store was created by the failed commands");
    }

    @Test
    void anUnavailableStoreSaysWhy() {
        String expected = "error: Store 'plugin' is unavailable: backend 'example' is not installed";
        assertEquals(expected, commands.put("plugin", "k", "v"));
        assertEquals(expected, commands.get("plugin", "k"));
        assertEquals(expected, commands.delete("plugin", "k"));
        assertEquals(expected, commands.scan("plugin", "*"));
    }

    @Test
    void aFailedPutChangesNothing() {
        store.data.put("kept", utf8("1"));
        assertEquals("error: key must not be empty", commands.put("default", "", "v"));
        assertEquals("error: key is 1025 bytes; the limit is 1024", commands.put("default", "k".repeat(1025), "v"));
        assertEquals("error: value must not be null", commands.put("default", "k", null));
        assertEquals("error: store name must not be empty", commands.put("", "k", "v"));
        assertEquals(1, store.data.size());
        assertEquals(Map.of("kept", "1"), Map.of("kept", new String(store.data.get("kept"), StandardCharsets.UTF_8)));
    }

    @Test
    void emptyKeysAreRefusedByEveryCommand() {
        assertEquals("error: key must not be empty", commands.get("default", ""));
        assertEquals("error: key must not be empty", commands.delete("default", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "0", "abc", "1.5", "", "99999999999"})
    void badLimitsAreRefusedInOneLine(String limit) {
        assertEquals("error: limit must be a whole number from 1 to 2147483647, was '" + limit + "'",
                commands.scan("default", "*", limit));
    }

    @Test
    void invalidPatternsAreRefusedInOneLine() {
        assertEquals("error: key pattern must not be null or empty", commands.scan("default", ""));
        String danglingEscape = commands.scan("default", "users.\\");
        assertTrue(danglingEscape.startsWith("error: key pattern ends with a lone escape"), danglingEscape);
        assertFalse(danglingEscape.contains("\n"));
    }
}
