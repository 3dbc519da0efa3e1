package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobService;
import dev.strata.jobs.internal.shell.JobCommands;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's one-line errors, over a real engine. */
class JobCommandsTest {

    @TempDir
    Path dir;
    TestRuntime runtime;
    JobEngine engine;
    JobCommands commands;

    @BeforeEach
    void start() {
        runtime = new TestRuntime(dir);
        engine = runtime.engine(1, 100, 1024);
        commands = new JobCommands(new EngineService(engine));
    }

    @AfterEach
    void stop() {
        engine.close();
        runtime.close();
    }

    @Test
    void errorsAreOneLineNamingTheProblem() throws Exception {
        runtime.define("files", "file").put("a", "1".getBytes(StandardCharsets.UTF_8));
        assertTrue(commands.backup("nope").startsWith("error: No store named 'nope'"));
        assertTrue(commands.backup("files", "key=missing").startsWith("error: key alias 'missing' is not in"));
        assertTrue(commands.backup("files", "bogus=1").startsWith("error: unknown option 'bogus=1'"));
        Path file = dir.resolve("f.strata-backup");
        assertTrue(commands.backup("files", "file=" + file).contains("backup succeeded"));
        assertTrue(commands.restore(file.toString(), "files").startsWith("error: target store 'files' is not empty"));
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "hello, not an archive");
        assertTrue(commands.verify(foreign.toString()).startsWith("error: '" + foreign + "' is not a Strata"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Path damaged = dir.resolve("damaged");
        Files.write(damaged, bytes);
        String corrupt = commands.verify(damaged.toString());
        assertTrue(corrupt.startsWith("error: ") && corrupt.contains("damaged"), corrupt);
        assertEquals(1, corrupt.lines().count());
        assertTrue(commands.job("nope").startsWith("error: no job 'nope'"));
        assertTrue(commands.cancel("nope").startsWith("error: no job 'nope'"));
        assertTrue(commands.jobs().contains("backup"));
    }

    /** The engine as the JobService the component exposes. */
    record EngineService(JobEngine engine) implements JobService {
        public JobInfo submit(JobRequest r, String by) {
            return engine.submit(r, by);
        }

        public List<JobInfo> active() {
            return engine.active();
        }

        public Optional<JobInfo> job(String id) {
            return engine.job(id);
        }

        public JobInfo cancel(String id) {
            return engine.cancel(id);
        }

        public List<JobInfo> history(int limit) {
            return engine.history(limit);
        }

        public JobInfo confirm(String id) {
            return engine.confirm(id);
        }

        public JobInfo await(String id, long t) throws InterruptedException {
            return engine.await(id, t);
        }

        public void setThrottle(double m) {
            engine.throttle().set(m);
        }

        public double throttle() {
            return engine.throttle().megabytesPerSecond();
        }

        public int maxConcurrentJobs() {
            return engine.maxConcurrent();
        }

        public Optional<byte[]> readArchived(String store, String key) {
            return Optional.empty();
        }
    }
}
