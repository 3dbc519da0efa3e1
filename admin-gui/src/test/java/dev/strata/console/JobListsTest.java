package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.console.jobs.JobsViewModel;
import dev.strata.console.shell.Background;

/** The jobs view's store list (every form's store box) and a job's full text for the detail pane. */
class JobListsTest {

    private final FakeClient client = new FakeClient();
    private final List<String> failures = new ArrayList<>();

    @Test
    void theStoreBoxesHoldTheRuntimesStoresAndFollowWhenStoresComeAndGo() {
        client.stores.add(FakeClient.store("xodus", "ONLINE", 1, 0.5));
        client.stores.add(FakeClient.store("files", "ONLINE", 1, 0.5));
        JobsViewModel jobs = new JobsViewModel(client, Background.direct(), s -> { });
        assertTrue(jobs.storeNames().isEmpty());
        jobs.refresh(failures::add);
        assertEquals(List.of("files", "xodus"), jobs.storeNames(), "sorted, as the runtime lists them");
        assertEquals("files", jobs.backupStoreProperty().get(), "the backup form starts on a store, not an empty box");

        jobs.backupStoreProperty().set("xodus");
        client.stores.add(FakeClient.store("archive", "ONLINE", 1, 0.5));
        jobs.refresh(failures::add);
        assertEquals(List.of("archive", "files", "xodus"), jobs.storeNames(), "a store defined meanwhile shows");
        assertEquals("xodus", jobs.backupStoreProperty().get(), "the operator's choice stays");

        client.stores.removeIf(s -> s.name().equals("files"));
        jobs.refresh(failures::add);
        assertEquals(List.of("archive", "xodus"), jobs.storeNames(), "a removed store leaves the boxes");
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void aJobsLongMessageAndFailureAreWholeInItsDetails() {
        String message = "caught up; waiting for the confirmation to freeze 'files' and switch it to xodus "
                + "(12,000 keys copied, 3 rounds of changes replayed)";
        JobInfo held = new JobInfo("20261201-180000-001", "migrate-engine", "files", JobState.RUNNING, 12_000, 12_000,
                1, message, 1, 2, 0, "", List.of("files"), "admin", -1, 0, -1, "", List.of());
        String details = JobsViewModel.details(held);
        assertEquals("20261201-180000-001 · migrate-engine of files · RUNNING · started by admin · 12,000 keys done\n"
                + "Message: " + message, details);
        JobInfo failed = FakeClient.job("job-9", JobState.FAILED, "disk full while writing segment 12 of 'files'");
        assertEquals("disk full while writing segment 12 of 'files'", JobsViewModel.outcome(failed));
        assertTrue(JobsViewModel.details(failed).endsWith("\nWhy: disk full while writing segment 12 of 'files'"));
        assertEquals("/backups/a", JobsViewModel.outcome(FakeClient.job("job-8", JobState.SUCCEEDED, "")));
    }
}
