package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Store;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.jobs.internal.schedule.BackupSchedule;
import dev.strata.jobs.internal.schedule.ScheduledBackups;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduledBackupsTest {

    @TempDir
    Path dir;

    @Test
    void schedulesAreIntervalsOrADailyTime() {
        assertEquals(Duration.ofHours(6), BackupSchedule.parse("every 6h").interval());
        assertEquals(Duration.ofSeconds(30), BackupSchedule.parse("every 30s").delayFromNow());
        BackupSchedule daily = BackupSchedule.parse("daily@02:00");
        ZonedDateTime evening = ZonedDateTime.of(2026, 12, 1, 23, 30, 0, 0, ZoneOffset.UTC);
        assertEquals(Duration.ofMinutes(150), daily.delayFrom(evening));
        assertEquals(Duration.ofHours(24), daily.delayFrom(evening.withHour(2).withMinute(0)));
        assertEquals("backup schedule 'hourly' is not understood: use 'every 6h' (s, m, h or d) or 'daily@02:00'",
                assertThrows(InvalidArgumentException.class, () -> BackupSchedule.parse("hourly")).getMessage());
        assertThrows(InvalidArgumentException.class, () -> BackupSchedule.parse("every 0m"));
        assertThrows(InvalidArgumentException.class, () -> BackupSchedule.parse("daily@25:00"));
    }

    @Test
    void scheduledBackupsRunAsTheSchedulerAndRetentionKeepsTheNewest() throws Exception {
        try (TestRuntime runtime = new TestRuntime(dir); JobEngine engine = runtime.engine(2, 100, 4096)) {
            Store store = runtime.define("files", "file");
            Path destination = dir.resolve("nightly");
            ScheduledBackups schedule = new ScheduledBackups(new JobCommandsTest.EngineService(engine),
                    new ScheduledBackups.Settings("files", BackupSchedule.parse("every 1d"), destination.toString(),
                            2, "", ""), line -> { });
            List<Path> made = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                store.put("k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
                JobInfo job = schedule.runOnce();
                assertEquals(JobState.SUCCEEDED, job.state(), job.failure());
                assertEquals("scheduler", job.startedBy());
                made.add(Path.of(job.report().get(0).substring("output: ".length())));
                Thread.sleep(5); // names carry milliseconds
            }
            Files.writeString(destination.resolve("files-scheduled-29991231-000000-000.strata-backup.partial"), "x");
            store.put("k4", "v4".getBytes(StandardCharsets.UTF_8));
            JobInfo fifth = schedule.runOnce();
            made.add(Path.of(fifth.report().get(0).substring("output: ".length())));
            try (Stream<Path> files = Files.list(destination)) {
                List<String> left = files.map(f -> f.getFileName().toString()).sorted().toList();
                assertEquals(List.of(made.get(3).getFileName().toString(), made.get(4).getFileName().toString(),
                        "files-scheduled-29991231-000000-000.strata-backup.partial"), left,
                        "the two newest complete backups stay; a half-made one neither counts nor goes");
            }
            // a job's end is entered in the history just after await() returns (JobEngine.run's finally): wait for it
            long deadline = System.currentTimeMillis() + 10_000;
            while (engine.history(0).stream().filter(j -> j.startedBy().equals("scheduler")).count() < 5
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(engine.history(0).stream().filter(j -> j.startedBy().equals("scheduler")).count() >= 5,
                    engine.history(0).toString());
            schedule.close();
        }
    }
}
