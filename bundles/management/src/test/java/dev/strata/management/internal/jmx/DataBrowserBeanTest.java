package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.management.JMX;
import javax.management.MBeanServer;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyOrder;
import dev.strata.api.NotFoundException;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.management.DataBrowserMXBean;
import dev.strata.api.management.KeyEntry;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.ValueView;
import dev.strata.management.internal.shell.TreeMapStorageService;
import dev.strata.management.internal.shell.TreeMapStorageService.TreeMapStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data browser through the platform MBean server and an MXBean proxy, as a console calls it. */
class DataBrowserBeanTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final TreeMapStorageService storage = new TreeMapStorageService();
    private TreeMapStore store;
    private DataBrowserMXBean browser;

    @BeforeEach
    void register() {
        store = storage.define("s", "memory", StoreStatus.ONLINE, "");
        storage.define("away", "example", StoreStatus.UNAVAILABLE, "backend 'example' is not installed");
        Beans.register(server, ObjectNames.dataBrowser(), new DataBrowserBean(storage));
        browser = JMX.newMXBeanProxy(server, ObjectNames.dataBrowser(), DataBrowserMXBean.class);
    }

    @AfterEach
    void unregister() {
        Beans.unregister(server, ObjectNames.dataBrowser());
    }

    @Test
    void pagesWalkEveryMatchingKeyOnceInKeyOrderReadingOnlyAPageAtATime() {
        for (int i = 0; i < 5000; i++) {
            store.put(String.format("users.%05d", i), ("user " + i).getBytes(StandardCharsets.UTF_8));
            store.put(String.format("orders.%05d", i), new byte[] {1, 2});
        }
        List<String> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        do {
            store.entriesRead = 0;
            KeyPage page = browser.listKeys("s", "users.*", after, 300);
            assertTrue(store.entriesRead <= 302, "a page read " + store.entriesRead + " entries");
            page.entries().forEach(e -> seen.add(e.key()));
            after = page.next();
            pages++;
        } while (!after.isEmpty());
        assertEquals(17, pages);
        assertEquals(5000, seen.size());
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(KeyOrder::compare);
        assertEquals(sorted, seen);
        assertEquals("users.00000", seen.get(0));
    }

    @Test
    void aPageThatEndsExactlyAtTheLastKeyHasNoNext() {
        store.put("a", new byte[0]);
        store.put("b", new byte[0]);
        KeyPage page = browser.listKeys("s", "*", "", 2);
        assertEquals(2, page.entries().size());
        assertFalse(page.hasMore(), "no key is left after b");
        KeyPage first = browser.listKeys("s", "", "", 1);
        assertEquals("a", first.next());
        assertEquals(List.of("b"), browser.listKeys("s", "*", "a", 5).entries().stream().map(KeyEntry::key).toList());
    }

    @Test
    void previewsShowTextEscapedAndCutAndBinaryAsHex() {
        store.put("text", "line one\nline two".getBytes(StandardCharsets.UTF_8));
        store.put("long", "é".repeat(200).getBytes(StandardCharsets.UTF_8));
        store.put("bin", new byte[] {(byte) 0xff, 0, 1});
        Map<String, KeyEntry> rows = new java.util.HashMap<>();
        browser.listKeys("s", "*", "", 10).entries().forEach(e -> rows.put(e.key(), e));
        assertEquals("line one\\nline two", rows.get("text").preview());
        assertEquals(400, rows.get("long").valueSize());
        assertEquals("é".repeat(DataBrowserBean.PREVIEW_CHARS), rows.get("long").preview());
        assertEquals("0xff0001", rows.get("bin").preview());
    }

    @Test
    void getValueShowsTextOrBase64AndCutsAtMaxBytesOnACharacterBoundary() {
        store.put("k", "héllo wörld".getBytes(StandardCharsets.UTF_8));
        ValueView full = browser.getValue("s", "k", 1024);
        assertTrue(full.found() && full.utf8() && !full.truncated());
        assertEquals("héllo wörld", full.text());
        assertEquals(13, full.size());
        ValueView cut = browser.getValue("s", "k", 2); // 'h' and half of 'é'
        assertTrue(cut.truncated() && cut.utf8());
        assertEquals("h", cut.text());
        assertEquals(13, cut.size());
        ValueView missing = browser.getValue("s", "nope", 10);
        assertFalse(missing.found());
        store.put("bin", new byte[] {(byte) 0xc3});
        ValueView binary = browser.getValue("s", "bin", 10);
        assertFalse(binary.utf8());
        assertArrayEquals(new byte[] {(byte) 0xc3}, Base64.getDecoder().decode(binary.base64()));
    }

    @Test
    void putValueDecodesTextBase64AndHexAndDeleteSaysWhetherTheKeyExisted() {
        browser.putValue("s", "t", "héllo", "text");
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), store.get("t").orElseThrow());
        browser.putValue("s", "b", Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0x80}), "base64");
        assertArrayEquals(new byte[] {0, (byte) 0x80}, store.get("b").orElseThrow());
        browser.putValue("s", "h", "de:ad be ef", "HEX");
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, store.get("h").orElseThrow());
        assertTrue(browser.deleteValue("s", "h"));
        assertFalse(browser.deleteValue("s", "h"));
    }

    @Test
    void badInputIsATypedOneLineErrorAndChangesNothing() {
        store.put("k", new byte[] {7});
        assertMessage(InvalidArgumentException.class, "not valid hex", () -> browser.putValue("s", "k", "xyz", "hex"));
        assertMessage(InvalidArgumentException.class, "not valid base64", () -> browser.putValue("s", "k", "!!", "base64"));
        assertMessage(InvalidArgumentException.class, "encoding is text, base64 or hex",
                () -> browser.putValue("s", "k", "v", "utf16"));
        assertArrayEquals(new byte[] {7}, store.get("k").orElseThrow(), "a refused put changed the value");
        assertMessage(InvalidArgumentException.class, "1 to 1000", () -> browser.listKeys("s", "*", "", 0));
        assertMessage(InvalidArgumentException.class, "1 to 1000", () -> browser.listKeys("s", "*", "", 1001));
        assertMessage(InvalidArgumentException.class, "lone escape", () -> browser.listKeys("s", "a\\", "", 10));
        assertMessage(InvalidArgumentException.class, "maxBytes", () -> browser.getValue("s", "k", 0));
        assertMessage(NotFoundException.class, "no store named 'x'; defined: away, s", () -> browser.getValue("x", "k", 1));
        assertMessage(StoreUnavailableException.class, "not installed", () -> browser.listKeys("away", "*", "", 10));
        assertMessage(InvalidArgumentException.class, "store name", () -> browser.deleteValue(" ", "k"));
    }

    private static void assertMessage(Class<? extends Exception> type, String part, Runnable call) {
        Exception e = assertThrows(type, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
