package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;

import org.junit.jupiter.api.Test;

/**
 * What the job service says about an engine migration while it copies, catches up and holds before its switch (what
 * JMX, the CLI and the console show): keys and bytes done count up during the copy, and from the end of the copy on
 * they are the source's, every one of them in the target, done equal to total, through every catch-up and holding
 * round (each of which walks the whole source again), following the source when it grows.
 */
class HeldMigrationProgressTest extends JobEngineTestBase {

    private static final int KEYS = 3000;

    @Test
    void aHeldMigrationShowsEveryKeyDoneThroughItsCatchUpAndHoldingRounds() throws Exception {
        Map<String, byte[]> content = new TreeMap<>();
        long bytes = 0;
        for (int i = 0; i < KEYS; i++) {
            String key = String.format("k%05d", i);
            byte[] value = ("value " + i).getBytes(StandardCharsets.UTF_8);
            content.put(key, value);
            bytes += key.length() + value.length;
        }
        runtime.define("orders", "file").putAll(content);
        // about a second per walk of the source (some 11 chunks of 4 KiB), so that samples land inside the rounds
        engine.throttle().set(0.05);
        JobInfo job = engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), true, 0, false), "t");

        List<String> wrong = new ArrayList<>();
        boolean[] countedUp = new boolean[1];
        long sourceBytes = bytes;
        sample(job, now -> now.message().contains("waiting for strata:migrate-confirm"), now -> {
            if (now.message().startsWith("copying")) {
                countedUp[0] |= now.done() > 0 && now.done() < KEYS;
            } else if (now.message().startsWith("catch-up round") || now.message().startsWith("holding")) {
                check(now, KEYS, sourceBytes, wrong);
            }
        });
        assertTrue(countedUp[0], "keys done count up while the copy runs");
        JobInfo held = engine.job(job.id()).orElseThrow();
        assertEquals(List.of(KEYS, KEYS), List.of((int) held.done(), (int) held.total()), held.toString());

        long until = System.currentTimeMillis() + 2500; // two holding rounds at least
        sample(job, now -> System.currentTimeMillis() > until, now -> check(now, KEYS, sourceBytes, wrong));
        runtime.store("orders").put("late", "held".getBytes(StandardCharsets.UTF_8));
        long grown = sourceBytes + "late".length() + "held".length();
        sample(job, now -> now.done() == KEYS + 1, now -> {
            if (now.done() == KEYS) {
                check(now, KEYS, sourceBytes, wrong); // the old figures until a round has seen the new key
            } else {
                check(now, KEYS + 1, grown, wrong);
            }
        });
        long after = System.currentTimeMillis() + 1500;
        sample(job, now -> System.currentTimeMillis() > after, now -> check(now, KEYS + 1, grown, wrong));
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " wrong samples");

        engine.throttle().set(0);
        engine.confirm(job.id());
        JobInfo end = engine.await(job.id(), 60_000);
        assertEquals(JobState.SUCCEEDED, end.state(), end.failure() + " " + end.report());
        assertEquals(List.of(KEYS + 1L, KEYS + 1L, grown, grown), List.of(end.done(), end.total(), end.bytes(),
                end.bytesTotal()), end.toString());
    }

    /** From the end of the copy on: done equal to total, both the source's, for keys and bytes. */
    private static void check(JobInfo now, int keys, long bytes, List<String> wrong) {
        if (now.done() != keys || now.total() != keys || now.bytes() != bytes || now.bytesTotal() != bytes) {
            wrong.add("'" + now.message() + "': " + now.done() + "/" + now.total() + " keys, " + now.bytes() + "/"
                    + now.bytesTotal() + " bytes; expected " + keys + " keys, " + bytes + " bytes");
        }
    }

    /** Reads the job through the job service every 5 ms, handing each reading over, until {@code until} holds. */
    private void sample(JobInfo job, Predicate<JobInfo> until, java.util.function.Consumer<JobInfo> each)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JobInfo now = engine.job(job.id()).orElseThrow();
            assertTrue(!now.state().isFinal(), "the job ended early: " + now.failure() + " " + now.report());
            if (until.test(now)) {
                return;
            }
            each.accept(now);
            assertTrue(System.currentTimeMillis() < deadline, "waited a minute: " + now);
            Thread.sleep(5);
        }
    }
}
