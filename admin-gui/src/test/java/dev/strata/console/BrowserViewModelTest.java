package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.strata.api.management.ValueView;
import dev.strata.console.browser.BrowserViewModel;
import dev.strata.console.browser.ValueFormats;
import dev.strata.console.browser.ValueFormats.Format;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.shell.Background;

/** The data browser's view model against the fake runtime. */
class BrowserViewModelTest {

    private final FakeClient client = new FakeClient();

    private BrowserViewModel model() {
        for (int i = 0; i < 250; i++) {
            client.data.put(String.format("user.%03d", i), "{\"id\":" + i + "}");
        }
        client.data.put("zeta", "plain");
        BrowserViewModel model = new BrowserViewModel(client, Background.direct());
        model.storeProperty().set("files");
        return model;
    }

    @Test
    void pagesThroughKeysAHundredAtATimeForwardAndBackNeverAskingForMore() {
        BrowserViewModel model = model();
        model.patternProperty().set("user.*");
        model.search();
        assertEquals(100, model.page().size());
        assertEquals("user.000", model.page().get(0).key());
        assertTrue(model.hasNext().get());
        assertFalse(model.hasPrevious().get());
        assertEquals("Page 1: 100 keys; more follow.", model.messageProperty().get());
        model.nextPage();
        assertEquals("user.100", model.page().get(0).key());
        model.nextPage();
        assertEquals(50, model.page().size());
        assertFalse(model.hasNext().get());
        assertEquals("Page 3: 50 keys, the last page.", model.messageProperty().get());
        model.previousPage();
        assertEquals("user.100", model.page().get(0).key());
        model.previousPage();
        assertEquals("user.000", model.page().get(0).key());
        assertFalse(model.hasPrevious().get());
        assertTrue(client.calls.stream().filter(c -> c.startsWith("listKeys")).allMatch(c -> c.endsWith(" 100")),
                "every call asks for one page: " + client.calls);
        assertTrue(client.calls.contains("listKeys files user.* after='user.099' 100"));
    }

    @Test
    void showsAValueAsTextJsonOrHexAndExplainsAnEmptyMatch() {
        BrowserViewModel model = model();
        model.search();
        model.select(model.page().get(0));
        assertEquals("{\"id\":0}", model.shownProperty().get());
        model.formatProperty().set(Format.JSON);
        assertEquals("{\n  \"id\" : 0\n}", model.shownProperty().get());
        model.formatProperty().set(Format.HEX);
        assertTrue(model.shownProperty().get().startsWith("00000000  7b 22 69 64 22 3a 30 7d"), model.shownProperty().get());
        assertTrue(model.shownProperty().get().trim().endsWith("{\"id\":0}"));
        model.patternProperty().set("nobody.*");
        model.search();
        assertEquals("No key matches 'nobody.*' in 'files'.", model.messageProperty().get());
        model.storeProperty().set("");
        model.search();
        assertEquals("Choose a store.", model.messageProperty().get());
    }

    @Test
    void notJsonFallsBackToTextAndBinaryValuesToHex() {
        assertEquals("plain", ValueFormats.show(view("plain", true), Format.JSON));
        assertEquals("00000000  ff 00                                            ..\n",
                ValueFormats.show(new ValueView("k", true, 2, false, false, "",
                        Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0})), Format.TEXT));
        assertEquals("ff00", ValueFormats.editable(new ValueView("k", true, 2, false, false, "",
                Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0}))));
    }

    @Test
    void anAdminEditsAndDeletesAfterTheQuestionAndOthersSeeItDisabled() {
        BrowserViewModel model = model();
        assertTrue(model.mayEditProperty().get());
        model.search();
        model.select(model.page().get(1));
        assertTrue(model.canDelete().get());
        model.editTextProperty().set("{\"id\":1,\"name\":\"Ada\"}");
        assertEquals("Write key 'user.001' in store 'files'? Applications see the new value at once.", model.saveQuestion());
        model.save();
        assertEquals("{\"id\":1,\"name\":\"Ada\"}", client.data.get("user.001"));
        assertTrue(client.calls.contains("put user.001 text"));
        assertEquals("Key 'user.001' written (21 bytes).", model.messageProperty().get());
        assertTrue(model.deleteQuestion().contains("cannot be undone"));
        model.delete();
        assertFalse(client.data.containsKey("user.001"));
        assertEquals(99, model.page().size());
        assertNull(model.valueProperty().get());
        model.editKeyProperty().set("");
        assertEquals("", model.saveQuestion(), "no key, no question");
        assertEquals("Enter the key to write.", model.messageProperty().get());
        for (String role : new String[] {"monitor", "operator"}) {
            client.role = role;
            BrowserViewModel other = new BrowserViewModel(client, Background.direct());
            other.storeProperty().set("files");
            other.search();
            other.select(other.page().get(0));
            assertFalse(other.mayEditProperty().get(), role);
            assertFalse(other.canDelete().get(), role);
        }
    }

    @Test
    void aTruncatedValueIsNotEditableAndAMissingBrowserIsExplained() {
        BrowserViewModel model = model();
        model.valueProperty().set(new ValueView("big", true, 5 << 20, true, true, "abc", "YWJj"));
        model.editKeyProperty().set("big");
        assertEquals("", model.saveQuestion());
        assertEquals("This value is larger than the browser loads; it cannot be edited here.", model.messageProperty().get());
        assertTrue(model.shownProperty().get().contains("the first 1,048,576 bytes of 5,242,880"), model.shownProperty().get());
        client.failAll = new ConsoleException(ConsoleException.Kind.UNSUPPORTED, "The data browser is not available");
        model.search();
        assertTrue(model.messageProperty().get().startsWith("The data browser is not available on this runtime"));
        client.failAll = new ConsoleException(ConsoleException.Kind.FAILED, "store 'files' is not online (UNAVAILABLE)");
        model.search();
        assertEquals("store 'files' is not online (UNAVAILABLE)", model.messageProperty().get());
    }

    private static ValueView view(String text, boolean utf8) {
        return new ValueView("k", true, text.length(), false, utf8, text,
                Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
}
