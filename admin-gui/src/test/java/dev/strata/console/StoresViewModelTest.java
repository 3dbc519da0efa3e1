package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.shell.Background;
import dev.strata.console.stores.FormField;
import dev.strata.console.stores.StoreForm;
import dev.strata.console.stores.StoresViewModel;

/** The stores view model and its define/edit form against the fake runtime. */
class StoresViewModelTest {

    private final FakeClient client = new FakeClient();
    private final List<String> failures = new ArrayList<>();

    private StoresViewModel model() {
        client.rows.add(FakeClient.row("files", "ONLINE", "HEALTHY", ""));
        client.rows.add(FakeClient.row("old", "UNAVAILABLE", "DOWN", "backend 'file' is not installed"));
        StoresViewModel model = new StoresViewModel(client, Background.direct());
        model.refresh(failures::add);
        return model;
    }

    @Test
    void actionsFollowTheSelectedStoresStateAndCloseThenOpenRefreshesTheList() {
        StoresViewModel model = model();
        assertEquals(2, model.stores().size());
        assertFalse(model.canOpen().get(), "nothing selected, nothing to do");
        model.selectedProperty().set(model.stores().get(0));
        assertTrue(model.canTakeOffline().get());
        assertFalse(model.canOpen().get(), "an online store cannot be opened again");
        model.close();
        assertEquals("close of 'files' done.", model.messageProperty().get());
        assertEquals("UNAVAILABLE", model.selectedProperty().get().status(), "the list is refreshed after the action");
        assertTrue(model.canOpen().get());
        assertFalse(model.canTakeOffline().get(), "a closed store cannot be checkpointed");
        model.open();
        assertEquals("ONLINE", model.selectedProperty().get().status());
        model.checkpoint();
        model.compact();
        assertEquals(List.of("storeRows", "close files", "storeRows", "open files", "storeRows", "checkpoint files",
                "storeRows", "compact files", "storeRows"), client.calls);
        assertTrue(failures.isEmpty());
    }

    @Test
    void aMonitorSeesEveryActionDisabledAndAnOperatorMayNotDefineStores() {
        client.role = "monitor";
        StoresViewModel monitor = model();
        monitor.selectedProperty().set(monitor.stores().get(1));
        assertFalse(monitor.canOpen().get());
        assertFalse(monitor.canEdit().get());
        assertFalse(monitor.mayConfigureProperty().get());
        client.role = "operator";
        StoresViewModel operator = new StoresViewModel(client, Background.direct());
        operator.refresh(failures::add);
        operator.selectedProperty().set(operator.stores().get(1));
        assertTrue(operator.canOpen().get());
        assertFalse(operator.canEdit().get(), "defining and editing stores is for admins");
    }

    @Test
    void aFailedActionAndAnOlderRuntimeAreExplainedAndRemovalTakesTheStoreOffTheList() {
        StoresViewModel model = model();
        model.checkpoint();
        assertEquals("Choose a store first.", model.messageProperty().get());
        model.selectedProperty().set(model.stores().get(0));
        client.failAll = new ConsoleException(ConsoleException.Kind.FAILED, "store 'files' is read-only");
        model.compact();
        assertEquals("compact of 'files' failed: store 'files' is read-only", model.messageProperty().get());
        client.failAll = new ConsoleException(ConsoleException.Kind.UNSUPPORTED, "x");
        model.checkpoint();
        assertTrue(model.messageProperty().get().contains("not available on this runtime"), model.messageProperty().get());
        client.failAll = null;
        assertTrue(model.removeQuestion().contains("'files'"));
        model.remove();
        assertEquals(1, model.stores().size());
        assertNull(model.selectedProperty().get());
        model.refresh(failures::add);
        client.failAll = new ConsoleException(ConsoleException.Kind.LOST, "The connection to the runtime was lost");
        model.refresh(failures::add);
        assertEquals(List.of("The connection to the runtime was lost"), failures);
        assertEquals(1, model.stores().size(), "the last good list stays on screen");
    }

    /** The job as the runtime answers it once it ended: a result line, or why it failed. */
    private void ends(String id, JobState state, String result, String failure) {
        JobInfo queued = client.jobsById.get(id);
        client.jobsById.put(id, new JobInfo(id, "maintenance", queued.store(), state, 10, 10, 100, "", 1, 2, 3,
                result, queued.stores(), "tester", 100, 0, -1, failure, List.of()));
    }

    @Test
    void verifySubmitsTheJobServicesStoreVerifyAndShowsItsResultWhenItEnds() {
        client.role = "operator";
        List<JobInfo> watched = new ArrayList<>();
        client.rows.add(FakeClient.row("files", "ONLINE", "HEALTHY", ""));
        client.rows.add(FakeClient.row("old", "UNAVAILABLE", "DOWN", "closed by an operator"));
        StoresViewModel model = new StoresViewModel(client, Background.direct(), watched::add);
        model.refresh(failures::add);
        assertFalse(model.canVerify().get(), "nothing selected");
        model.selectedProperty().set(model.stores().get(1));
        assertFalse(model.canVerify().get(), "a store that is not online cannot be read");
        model.selectedProperty().set(model.stores().get(0));
        assertTrue(model.canVerify().get());
        model.verify();
        MaintenanceRequest sent = (MaintenanceRequest) client.jobs.get(0);
        assertEquals("files", sent.store());
        assertEquals(MaintenanceRequest.Operation.VERIFY, sent.operation());
        assertEquals(List.of("job-1"), watched.stream().map(JobInfo::id).toList(), "the jobs list follows it too");
        assertEquals("Verifying 'files' as job-1: every key and value on one snapshot; the result shows here when it "
                + "ends.", model.messageProperty().get());
        assertFalse(model.canVerify().get(), "one verify of a store at a time");

        model.refresh(failures::add);
        assertTrue(client.calls.contains("job job-1"), "a refresh asks how the job is doing");
        assertTrue(model.messageProperty().get().startsWith("Verifying 'files'"), "still running: nothing to say yet");
        ends("job-1", JobState.SUCCEEDED, "verified 'files' (file): 10 keys, 100 bytes read without error, sha256:ab",
                "");
        model.refresh(failures::add);
        assertEquals("Verify of 'files' passed: verified 'files' (file): 10 keys, 100 bytes read without error, "
                + "sha256:ab", model.messageProperty().get());
        assertFalse(model.lastVerifyFailedProperty().get());
        assertTrue(model.canVerify().get(), "ended: it can run again");
        int asked = client.calls.size();
        model.refresh(failures::add);
        assertFalse(client.calls.subList(asked, client.calls.size()).contains("job job-1"), "an ended job is let go");

        model.verify();
        ends("job-2", JobState.FAILED, "", "store 'files' is damaged: bad checksum in data/files/seg-3 at 4096");
        model.refresh(failures::add);
        assertEquals("Verify of 'files' FAILED: store 'files' is damaged: bad checksum in data/files/seg-3 at 4096",
                model.messageProperty().get());
        assertTrue(model.lastVerifyFailedProperty().get(), "damage is shown red");

        model.verify();
        client.jobsById.remove("job-3"); // the runtime restarted: it no longer knows the job
        model.refresh(failures::add);
        assertEquals("verify of 'files' failed: no job 'job-3'", model.messageProperty().get());
        assertTrue(model.canVerify().get());
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void aMonitorMayNotVerifyAndARuntimeWithoutTheJobSaysSo() {
        client.role = "monitor";
        StoresViewModel monitor = model();
        monitor.selectedProperty().set(monitor.stores().get(0));
        assertFalse(monitor.mayVerifyProperty().get());
        assertFalse(monitor.canVerify().get(), "a monitor sees Verify disabled");
        client.role = "operator";
        StoresViewModel operator = new StoresViewModel(client, Background.direct());
        operator.refresh(failures::add);
        operator.selectedProperty().set(operator.stores().get(0));
        client.failAll = new ConsoleException(ConsoleException.Kind.UNSUPPORTED, "The maintenance job is not available");
        operator.verify();
        assertEquals("'verify' is not available on this runtime (its management bundle is older than this console).",
                operator.messageProperty().get());
        assertTrue(operator.canVerify().get(), "nothing is followed: Verify stays available");
        client.failAll = new ConsoleException(ConsoleException.Kind.REFUSED, "Access denied: needs role operator");
        operator.verify();
        assertEquals("verify of 'files' failed: Access denied: needs role operator", operator.messageProperty().get());
    }

    @Test
    void theFormIsGeneratedFromTheBackendsMetatypeAndCheckedBeforeAnythingIsSent() {
        client.form.add(FakeClient.setting("name", "STRING", "", true));
        client.form.add(FakeClient.setting("durability", "STRING", "os", true, "none", "os", "fsync"));
        client.form.add(FakeClient.setting("cache.size", "LONG", "", false));
        client.form.add(FakeClient.setting("compress", "BOOLEAN", "false", false));
        client.form.add(FakeClient.setting("path", "STRING", "", true));
        StoresViewModel model = model();
        StoreForm form = model.newForm(false);
        assertEquals("file", form.backendProperty().get(), "the first installed engine is offered");
        assertEquals(List.of("durability", "cache.size", "compress", "path"),
                form.fields().stream().map(f -> f.setting().id()).toList(), "name and engine have their own inputs");
        assertEquals("os", form.fields().get(0).value(), "defaults are filled in");
        assertEquals("path *", form.fields().get(3).label(), "required settings are marked");
        form.nameProperty().set("bad name!");
        form.fields().get(0).valueProperty().set("sometimes");
        form.fields().get(1).valueProperty().set("12x");
        int before = client.calls.size();
        form.submit();
        assertEquals("A store name is 1 to 64 letters, digits, '.', '_' or '-'. 'durability' must be one of: none, os, "
                + "fsync. 'cache.size' must be a number, not '12x'. 'path' is required.", form.messageProperty().get());
        assertEquals(before, client.calls.size(), "bad input never reaches the runtime");
        form.nameProperty().set("orders");
        form.fields().get(0).valueProperty().set("fsync");
        form.fields().get(1).valueProperty().set("1048576");
        form.fields().get(3).valueProperty().set("data/orders");
        form.submit();
        assertTrue(form.doneProperty().get());
        assertTrue(client.calls.contains("define orders file"));
        assertEquals(Map.of("durability", "fsync", "cache.size", "1048576", "compress", "false", "path", "data/orders"),
                client.sent);
        assertEquals("Store 'orders' defined; it opens in a moment.", model.messageProperty().get());
    }

    @Test
    void editingPreFillsTheDefinitionAndSendsOnlyWhatChangedLeavingMaskedSecretsAlone() {
        client.form.add(FakeClient.setting("durability", "STRING", "os", true, "none", "os", "fsync"));
        client.form.add(FakeClient.setting("password", "PASSWORD", "", false));
        client.form.add(FakeClient.setting("cache.size", "LONG", "", false));
        client.definition.putAll(Map.of("backend", "file", "name", "files", "durability", "os", "password", "****"));
        StoresViewModel model = model();
        model.selectedProperty().set(model.stores().get(0));
        StoreForm form = model.newForm(true);
        assertTrue(form.editingProperty().get());
        assertEquals("file", form.backendProperty().get());
        FormField durability = form.fields().get(0);
        assertEquals("os", durability.value());
        assertEquals("****", form.fields().get(1).value());
        form.submit();
        assertEquals("Nothing changed.", form.messageProperty().get());
        durability.valueProperty().set("fsync");
        form.submit();
        assertEquals(Map.of("durability", "fsync"), client.sent, "the masked secret is not sent back");
        assertTrue(model.messageProperty().get().startsWith("Store 'files' changed (1 settings)"));
    }

    @Test
    void aRuntimeWithoutStoreFormsSaysSo() {
        StoresViewModel model = model();
        client.failAll = new ConsoleException(ConsoleException.Kind.UNSUPPORTED, "The backend list is not available");
        StoreForm form = model.newForm(false);
        assertEquals("Store forms are not available on this runtime.", form.messageProperty().get());
        assertTrue(form.fields().isEmpty());
    }
}
