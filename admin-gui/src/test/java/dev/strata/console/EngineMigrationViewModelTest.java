package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.jobs.EngineMigrationViewModel;
import dev.strata.console.jobs.JobsViewModel;
import dev.strata.console.shell.Background;

/** The in-place engine migration form, Confirm and Undo against the fake runtime. */
class EngineMigrationViewModelTest {

    private final FakeClient client = new FakeClient();
    private final List<String> notices = new ArrayList<>();
    private final JobsViewModel jobs = new JobsViewModel(client, Background.direct(), notices::add);

    private EngineMigrationViewModel form() {
        return new EngineMigrationViewModel(client, Background.direct(), jobs::watch);
    }

    @Test
    void theFormSendsTheRequestWithItsSettingsHoldAndKeepMinutesAndTheJobIsWatched() {
        EngineMigrationViewModel form = form();
        assertTrue(form.mayMigrateProperty().get());
        assertEquals(List.of("file", "memory"), form.engines(), "the targets are the runtime's installed engines");
        form.storeProperty().set(" files ");
        form.engineProperty().set("xodus");
        form.settingsProperty().set("durability=fsync, compression = lz4\ncache.size=64");
        form.keepMinutesProperty().set("90");
        form.submit();
        assertEquals(new EngineMigrationRequest("files", "xodus",
                Map.of("durability", "fsync", "compression", "lz4", "cache.size", "64"), true, 90, false), client.jobs.get(0));
        assertEquals("Moving 'files' to xodus: queued as job-1.", form.messageProperty().get());
        assertEquals("job-1", jobs.active().get(0).id(), "listed at once, notified when it ends");
        form.holdProperty().set(false);
        form.settingsProperty().set("");
        form.keepMinutesProperty().set("");
        form.submit();
        assertEquals(new EngineMigrationRequest("files", "xodus", Map.of(), false, 0, false), client.jobs.get(1));
    }

    @Test
    void badInputIsRefusedInOneLineBeforeAnyCall() {
        EngineMigrationViewModel form = form();
        form.engineProperty().set("xodus");
        form.submit();
        assertTrue(form.messageProperty().get().startsWith("Not started: "), form.messageProperty().get());
        form.storeProperty().set("files");
        form.engineProperty().set("");
        form.submit();
        assertTrue(form.messageProperty().get().contains("target engine"), form.messageProperty().get());
        form.engineProperty().set("xodus");
        form.settingsProperty().set("durability=os, compression");
        form.submit();
        assertEquals("Not started: setting 'compression' is not key=value.", form.messageProperty().get());
        form.settingsProperty().set("data.dir=/tmp/elsewhere");
        form.submit();
        assertEquals("Not started: setting 'data.dir' is chosen by the migration itself.", form.messageProperty().get());
        form.settingsProperty().set("");
        form.keepMinutesProperty().set("an hour");
        form.submit();
        assertEquals("Not started: keep minutes must be a whole number, was 'an hour'.", form.messageProperty().get());
        form.keepMinutesProperty().set("-5");
        form.submit();
        assertEquals("Not started: keepSourceMinutes must not be negative, was -5.", form.messageProperty().get());
        assertTrue(client.jobs.isEmpty(), "nothing reached the runtime");
        assertFalse(form.messageProperty().get().contains("\n"));
    }

    @Test
    void undoSwitchesTheStoreBackAndConfirmLetsOnlyAHeldMigrationGoOn() {
        EngineMigrationViewModel form = form();
        form.storeProperty().set("files");
        form.undo();
        assertEquals(EngineMigrationRequest.undoLast("files"), client.jobs.get(0));
        assertEquals("Undoing the last switch of 'files': queued as job-1.", form.messageProperty().get());

        JobInfo copying = engineJob("job-2", "copying: 4000 of 10000 keys");
        JobInfo held = engineJob("job-3", "caught up; waiting for strata:migrate-confirm job-3 to freeze and switch");
        assertNull(EngineMigrationViewModel.held(List.of(copying), copying), "nothing holds: Confirm is disabled");
        JobInfo inARound = engineJob("job-4", "holding");
        assertSame(inARound, EngineMigrationViewModel.held(List.of(copying, inARound), null),
                "a held job during one of its catch-up rounds holds too");
        assertSame(held, EngineMigrationViewModel.held(List.of(copying, held), copying), "the held one, not the selected");
        form.confirm(copying);
        assertEquals("Select an engine migration that waits for its confirmation.", form.messageProperty().get());
        assertTrue(client.confirmed.isEmpty());
        form.confirm(held);
        assertEquals(List.of("job-3"), client.confirmed);
        assertEquals("job-3: confirmed; freezing 'files' and switching.", form.messageProperty().get());
    }

    @Test
    void onlyAnAdminMayMoveEnginesAndTheRuntimesRefusalIsShownAsIs() {
        client.role = "operator";
        EngineMigrationViewModel operator = form();
        assertFalse(operator.mayMigrateProperty().get(), "it redefines a store: admin only, the buttons are disabled");
        client.role = "admin";
        EngineMigrationViewModel admin = form();
        admin.storeProperty().set("files");
        admin.engineProperty().set("memory");
        client.failAll = new ConsoleException(ConsoleException.Kind.FAILED,
                "backend 'memory' keeps nothing when its engine closes: a store moves in place only between persistent engines");
        admin.submit();
        assertEquals("backend 'memory' keeps nothing when its engine closes: a store moves in place only between "
                + "persistent engines", admin.messageProperty().get());
        client.failAll = new ConsoleException(ConsoleException.Kind.UNSUPPORTED, "not available");
        admin.submit();
        assertEquals("'migrate-engine' jobs are not available on this runtime.", admin.messageProperty().get());
    }

    private static JobInfo engineJob(String id, String message) {
        return new JobInfo(id, "migrate-engine", "files", JobState.RUNNING, 10, 100, 1000, message, 1, 2, 0, "",
                List.of("files"), "admin", -1, 0, -1, "", List.of());
    }
}
