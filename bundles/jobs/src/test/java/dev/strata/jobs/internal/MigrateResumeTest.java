package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.PutOptions;
import dev.strata.api.Store;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MigrateRequest;

import org.junit.jupiter.api.Test;

/**
 * A pattern migration cancelled (or cut short by a stop of the runtime) and submitted again continues after the last
 * key it copied and says so, as a cold-archive run does; a completed run leaves no position behind.
 */
class MigrateResumeTest extends JobEngineTestBase {

    @Test
    void aCancelledMigrationResumesAfterItsLastCopiedKeyAndSaysSo() throws Exception {
        Store source = runtime.define("legacy", "file");
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            String key = String.format("user.%05d", i);
            source.put(key, ("u" + i).getBytes(StandardCharsets.UTF_8), PutOptions.tags("t" + i % 3));
            expected.put(key, "u" + i);
        }
        source.put("other.1", "not selected".getBytes(StandardCharsets.UTF_8));
        Store target = runtime.define("users", "xodus");
        // the transform counts what passes through it and, at user.01500, holds the job until the test cancels it
        AtomicInteger transformed = new AtomicInteger();
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        runtime.transforms.put("gate", entry -> {
            transformed.incrementAndGet();
            if (entry.key().equals("user.01500") && reached.getCount() > 0) {
                reached.countDown();
                await(cancelled);
            }
            return Optional.of(entry);
        });
        MigrateRequest request = new MigrateRequest("legacy", "users", "user.*", false, "gate");
        JobInfo first = engine.submit(request, "t");
        assertTrue(reached.await(60, TimeUnit.SECONDS));
        engine.cancel(first.id());
        cancelled.countDown();
        JobInfo stopped = engine.await(first.id(), 60_000);
        assertEquals(JobState.CANCELLED, stopped.state(), stopped.result());
        int firstRun = transformed.get();
        assertTrue(firstRun > 1500 && firstRun < 3000, "cut short after user.01500: " + firstRun);
        assertFalse(target.contains("user.02999"));

        transformed.set(0);
        JobInfo second = runToEnd(request);
        assertEquals(JobState.SUCCEEDED, second.state(), second.failure());
        assertTrue(second.result().startsWith("resumed at key 'user.0"), second.result());
        assertTrue(second.result().contains("after job " + first.id() + ": " + firstRun + " keys already done"),
                second.result());
        assertEquals(3000 - firstRun, transformed.get(), "the second run copies only what the first did not");
        assertEquals(expected, content(target));
        assertEquals(Set.of("t2"), target.metadata("user.02999").orElseThrow().tags());

        JobInfo third = runToEnd(request);
        assertFalse(third.result().startsWith("resumed"), "a completed run leaves no position: " + third.result());
        assertEquals(3000, transformed.get() - (3000 - firstRun), "the third run starts over");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
