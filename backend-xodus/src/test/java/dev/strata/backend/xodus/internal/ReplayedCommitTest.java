package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that Xodus refuses (its snapshot is older than the last commit) is replayed on the newest snapshot under
 * the engine's commit lock. Xodus by default turns a transaction replayed after 2 s (or 2 replays) exclusive, and an
 * exclusive transaction waits for every other writer's permit: with other writers open, and waiting for that lock
 * to commit, the store hung (eight durable writers, 2 December). The replayed commit must not wait for them.
 */
class ReplayedCommitTest {

    @TempDir
    Path directory;

    @Test
    void anOldTransactionsReplayedCommitDoesNotWaitForOtherOpenWriters() throws Exception {
        // Xodus counts permits per thread (a thread's own transactions never wait for each other): the other
        // writer is begun on a thread of its own, as another client's would be
        ExecutorService committer = Executors.newSingleThreadExecutor();
        ExecutorService otherClient = Executors.newSingleThreadExecutor();
        try (StorageEngine engine = new XodusBackend().open(config(directory.resolve("s")))) {
            EngineTransaction old = engine.begin(TransactionMode.READ_WRITE);
            old.put(bytes("a"), bytes("1"));
            EngineTransaction open = otherClient.submit(() -> {
                EngineTransaction begun = engine.begin(TransactionMode.READ_WRITE);
                begun.put(bytes("b"), bytes("2"));
                return begun;
            }).get();
            try (EngineTransaction later = engine.begin(TransactionMode.READ_WRITE)) {
                later.put(bytes("c"), bytes("3"));
                later.commit(); // the old transaction's snapshot is behind now: Xodus will refuse its first flush
            }
            Thread.sleep(2_100); // past Xodus's default replay timeout (2 s)
            Future<Long> replayed = committer.submit(old::commit);
            try {
                assertEquals(2, replayed.get(10, TimeUnit.SECONDS), "commits while another writer is open");
            } finally {
                otherClient.submit(open::close).get(); // lets a commit waiting for every permit go on, so the test ends either way
            }
            try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
                assertArrayEquals(bytes("1"), reader.get(bytes("a")));
                assertArrayEquals(bytes("3"), reader.get(bytes("c")));
            }
        } finally {
            committer.shutdownNow();
            otherClient.shutdownNow();
        }
    }
}
