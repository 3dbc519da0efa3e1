package dev.strata.distribution;

import static dev.strata.distribution.Stores.bytes;
import static dev.strata.distribution.Stores.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobService;
import dev.strata.api.management.JobState;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The job service in the assembled runtime: an online backup of the shipped file store while a writer keeps
 * writing, with a test restore into a scratch memory store (defined through ConfigAdmin), verified, and restored
 * onto the Xodus store with the archive's digest; the jobs are in the history kept in the shipped system store.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobServiceIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private JobService jobs;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(JobServiceIT.class);
    }

    @Test
    public void anOnlineBackupOfTheFileStoreRestoresOntoXodusWithTheSameDigest() throws Exception {
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        Stores.awaitStatus(storage, "xodus", StoreStatus.ONLINE);
        Stores.awaitStatus(storage, "system", StoreStatus.ONLINE);
        Store files = storage.store("files");
        for (int i = 0; i < 500; i++) {
            files.put(String.format("seed.%04d", i), bytes("value " + i));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                files.put("live." + written.incrementAndGet(), bytes("w"));
            }
        });
        writer.start();
        Path file = Path.of(context.getProperty(StrataRuntime.DATA_DIR_PROPERTY)).resolveSibling("it.strata-backup");
        JobInfo backup;
        try {
            backup = jobs.await(jobs.submit(new BackupRequest("files", file.toString(), "lz4", "", false, true),
                    "it").id(), 60_000);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals(backup.failure(), JobState.SUCCEEDED, backup.state());
        assertTrue(backup.report().toString(), backup.report().stream()
                .anyMatch(line -> line.startsWith("test restore into scratch memory store")));
        assertTrue(Files.exists(file));

        JobInfo verify = jobs.await(jobs.submit(new VerifyRequest(file.toString()), "it").id(), 60_000);
        assertEquals(verify.failure(), JobState.SUCCEEDED, verify.state());

        JobInfo restore = jobs.await(jobs.submit(new RestoreRequest(file.toString(), "xodus", true), "it").id(),
                60_000);
        assertEquals(restore.failure(), JobState.SUCCEEDED, restore.state());
        assertEquals("value 42", text(storage.store("xodus").get("seed.0042")));
        String digest = backup.result().substring(backup.result().lastIndexOf("sha256:"), backup.result()
                .lastIndexOf("sha256:") + 71);
        assertTrue(restore.result(), restore.result().contains(digest));
        assertTrue(jobs.history(0).stream().anyMatch(j -> j.id().equals(backup.id())));
    }
}
