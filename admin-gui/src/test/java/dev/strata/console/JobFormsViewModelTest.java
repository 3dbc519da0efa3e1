package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.jobs.JobFormsViewModel;
import dev.strata.console.jobs.JobFormsViewModel.MigrationMode;
import dev.strata.console.jobs.JobsViewModel;
import dev.strata.console.shell.Background;

/** The restore, verify, migration and archive forms against the fake runtime. */
class JobFormsViewModelTest {

    private final FakeClient client = new FakeClient();
    private final List<String> notices = new ArrayList<>();
    private final JobsViewModel jobs = new JobsViewModel(client, Background.direct(), notices::add);
    private final JobFormsViewModel forms = new JobFormsViewModel(client, Background.direct(), jobs::watch);

    @Test
    void eachFormBuildsItsRequestAndTheJobIsWatchedToItsEndWithOneNotification() {
        forms.restoreFileProperty().set("files-1.strata");
        forms.restoreStoreProperty().set("copy");
        forms.restoreOverwriteProperty().set(true);
        forms.submitRestore();
        assertEquals(new RestoreRequest("files-1.strata", "copy", true), client.jobs.get(0));
        assertEquals("restore of copy queued as job-1.", forms.messageProperty().get());
        forms.verifyFileProperty().set("files-1.strata");
        forms.submitVerify();
        assertEquals(new VerifyRequest("files-1.strata"), client.jobs.get(1));
        forms.migrateSourceProperty().set("files");
        forms.migrateTargetProperty().set("onxodus");
        forms.migratePatternProperty().set("user.*");
        forms.migrateModeProperty().set(MigrationMode.SYNC);
        forms.submitMigrate();
        assertEquals(new MigrateRequest("files", "onxodus", "user.*", false, "", true), client.jobs.get(2));
        assertEquals("migrate of files → onxodus queued as job-3.", forms.messageProperty().get());
        forms.archiveStoreProperty().set("files");
        forms.archivePatternProperty().set("log.*");
        forms.archiveToProperty().set("log.2026");
        forms.archiveCompressionProperty().set("zstd");
        forms.submitArchive();
        assertEquals(new ArchiveRequest("files", "log.*", "", "log.2026", "", "zstd", ""), client.jobs.get(3));
        assertEquals(4, jobs.active().size(), "every accepted job is listed at once");
        client.ended.add(FakeClient.job("job-3", JobState.SUCCEEDED, ""));
        jobs.refresh(m -> { });
        jobs.refresh(m -> { });
        assertEquals(List.of("backup job-3 SUCCEEDED: /backups/a"), notices, "one notification when it ends");
    }

    @Test
    void badInputIsRefusedWithTheRequestsOwnReasonBeforeAnyCall() {
        forms.submitRestore();
        assertEquals("Not started: archive file must not be empty.", forms.messageProperty().get());
        forms.migrateSourceProperty().set("files");
        forms.migrateTargetProperty().set("files");
        forms.submitMigrate();
        assertEquals("Not started: source and target are the same store 'files'.", forms.messageProperty().get());
        forms.migrateTargetProperty().set("other");
        forms.migrateModeProperty().set(MigrationMode.SYNC);
        forms.migrateTransformProperty().set("upper");
        forms.submitMigrate();
        assertTrue(forms.messageProperty().get().contains("cannot move them or apply a transform"));
        forms.archiveStoreProperty().set("files");
        forms.archiveFromProperty().set("b");
        forms.archiveToProperty().set("a");
        forms.submitArchive();
        assertEquals("Not started: archive range is inverted: from 'b' is after to 'a'.", forms.messageProperty().get());
        assertTrue(client.calls.isEmpty(), "nothing reached the runtime: " + client.calls);
    }

    @Test
    void aMonitorSeesTheFormsDisabledAndARefusalOrOlderRuntimeIsExplained() {
        client.role = "monitor";
        assertFalse(new JobFormsViewModel(client, Background.direct(), j -> { }).mayRunJobsProperty().get());
        client.role = "operator";
        assertTrue(new JobFormsViewModel(client, Background.direct(), j -> { }).mayRunJobsProperty().get());
        forms.verifyFileProperty().set("x.strata");
        client.failAll = new ConsoleException(ConsoleException.Kind.FAILED, "no archive 'x.strata' in /data/backups");
        forms.submitVerify();
        assertEquals("no archive 'x.strata' in /data/backups", forms.messageProperty().get());
        client.failAll = new ConsoleException(ConsoleException.Kind.UNSUPPORTED, "x");
        forms.submitVerify();
        assertEquals("'verify' jobs are not available on this runtime.", forms.messageProperty().get());
    }
}
