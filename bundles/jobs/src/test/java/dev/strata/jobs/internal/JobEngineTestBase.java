package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup the job service's tests share: real stores under a fresh temporary directory ({@link TestRuntime}) and a
 * job engine over them as the component builds it, both closed after each test. One worker by default, so jobs run
 * one after another in submission order (and one that never ended would keep the next queued), and small chunks,
 * so that jobs have chunk boundaries to throttle, cancel and resume at.
 */
abstract class JobEngineTestBase {

    @TempDir
    Path dir;
    TestRuntime runtime;
    JobEngine engine;

    /** Jobs that may run at once. */
    int workers() {
        return 1;
    }

    /** Plaintext bytes per archive chunk (the runtime's default is 1 MiB). */
    int chunkBytes() {
        return 4096;
    }

    /** Changes the runtime before the engine is built over it (its environment is read then). */
    void configure(TestRuntime runtime) {
    }

    @BeforeEach
    final void startRuntime() {
        runtime = new TestRuntime(dir);
        configure(runtime);
        engine = runtime.engine(workers(), 100, chunkBytes());
    }

    @AfterEach
    final void stopRuntime() {
        engine.close();
        runtime.close();
    }

    /** Submits the request and waits for the job's end (a minute at most). */
    JobInfo runToEnd(JobRequest request) throws InterruptedException {
        JobInfo done = engine.await(engine.submit(request, "test").id(), 60_000);
        assertTrue(done.state().isFinal(), "the job did not end: " + done);
        return done;
    }

    /** Every entry of the store, values as UTF-8 text. */
    static Map<String, String> content(Store store) {
        Map<String, String> all = new TreeMap<>();
        try (EntryCursor cursor = store.scan(Scan.all())) {
            cursor.forEachRemaining(e -> all.put(e.key(), new String(e.value(), StandardCharsets.UTF_8)));
        }
        return all;
    }
}
