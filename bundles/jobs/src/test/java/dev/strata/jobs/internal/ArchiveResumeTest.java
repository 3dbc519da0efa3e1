package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.work.ArchiveCatalog;

import org.junit.jupiter.api.Test;

/** A cold-archive run cancelled part way continues where it stopped when submitted again; no key is lost or doubled. */
class ArchiveResumeTest extends JobEngineTestBase {

    @Override
    int chunkBytes() {
        return 1024;
    }

    @Test
    void aCancelledArchiveRunResumesAfterTheLastArchivedKeyAndEveryKeyEndsInExactlyOneArchive() throws Exception {
        Store live = runtime.define("live", "file");
        Map<String, byte[]> original = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            original.put(String.format("old.%05d", i), ("value of key " + i).getBytes(StandardCharsets.UTF_8));
        }
        live.putAll(original);
        live.put("new.1", "stays".getBytes(StandardCharsets.UTF_8));
        ArchiveCatalog catalog = new ArchiveCatalog(runtime.environment(1024));
        ArchiveRequest request = new ArchiveRequest("live", "old.*", "", "", "", "", "");

        engine.throttle().set(0.05); // about 50 chunks a second: the run takes a while
        JobInfo first = engine.submit(request, "t");
        long deadline = System.currentTimeMillis() + 60_000;
        while (catalog.archives("live").size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        engine.cancel(first.id());
        JobInfo cancelled = engine.await(first.id(), 60_000);
        assertEquals(JobState.CANCELLED, cancelled.state(), cancelled.result());
        int archivedBefore = catalog.archives("live").size();
        assertTrue(archivedBefore >= 2, "two segments were archived before the cancel");
        assertTrue(live.contains("old.02999"), "the cancel came before the end");

        engine.throttle().set(0);
        JobInfo second = runToEnd(request);
        assertEquals(JobState.SUCCEEDED, second.state(), second.failure());
        assertTrue(second.result().startsWith("resumed at key 'old."), second.result());
        assertTrue(second.result().contains("after job " + first.id()), second.result());

        try (EntryCursor cursor = live.scan(Scan.prefix("old."))) {
            assertFalse(cursor.hasNext(), "every selected key left the live store");
        }
        assertTrue(live.contains("new.1"));
        Map<String, Integer> copies = new HashMap<>();
        for (Path file : catalog.archives("live")) {
            try (ArchiveReader reader = ArchiveReader.open(file, runtime.crypto)) {
                reader.readAll((chunk, entries, read) -> entries.forEach(e -> copies.merge(e.key(), 1, Integer::sum)));
            }
        }
        assertEquals(original.keySet(), copies.keySet(), "no key lost, none archived that was not selected");
        assertTrue(copies.values().stream().allMatch(n -> n == 1), "no key archived twice");
        for (String key : new String[] {"old.00000", "old.01500", "old.02999"}) {
            assertArrayEquals(original.get(key), catalog.read("live", key).orElseThrow());
        }

        JobInfo third = runToEnd(request);
        assertFalse(third.result().startsWith("resumed"), "a finished run leaves no position behind: "
                + third.result());
    }
}
