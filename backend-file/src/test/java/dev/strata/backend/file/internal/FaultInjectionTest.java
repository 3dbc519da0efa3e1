package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.TreeMap;

import dev.strata.api.Durability;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full and I/O errors through a fault-injecting channel factory: the Nth write (partly written first) or the
 * Nth force fails, for N over the first writes and forces of a busy store (log records, segment flushes, manifest
 * replacements, directory forces). The error reaches the caller, the store turns read-only instead of retrying,
 * and after a reopen every acknowledged commit is there and nothing else but the one commit that was in doubt.
 */
class FaultInjectionTest {

    private static final int MAX_N = Integer.getInteger("strata.faults", 40);

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(FaultyChannels.Fault.class)
    void failuresReachTheCallerAndLoseNothingAcknowledged(FaultyChannels.Fault fault) {
        java.util.Set<String> torn = new java.util.TreeSet<>();
        for (int n = 1; n <= MAX_N; n++) {
            Path directory = temp.resolve(fault + "-" + n);
            FaultyChannels channels = new FaultyChannels();
            TreeMap<String, String> acknowledged = new TreeMap<>();
            String inDoubt = null;
            StorageEngine engine = new TestFileBackend().withChannels(channels).open(config(directory));
            try {
                channels.arm(fault, n);
                for (int i = 0; i < 400 && inDoubt == null; i++) {
                    String key = "k" + (i % 50);
                    String value = "v" + i + "-" + "p".repeat(200);
                    try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                        tx.put(bytes(key), bytes(value));
                        tx.put(bytes("last"), bytes(Integer.toString(i)));
                        tx.commit();
                        acknowledged.put(key, value);
                        acknowledged.put("last", Integer.toString(i));
                    } catch (ReadOnlyException e) {
                        inDoubt = "none"; // a background flush failed first: this commit was refused whole
                    } catch (StorageException e) {
                        inDoubt = Integer.toString(i);
                        assertTrue(e.getMessage().contains("failed"), e.getMessage());
                    }
                }
                assertTrue(channels.failures.get() > 0, fault + " #" + n + " was injected");
                torn.addAll(channels.tornFiles);
                assertTrue(engine.isReadOnly(), "after a failed " + fault + " the store is read-only");
                assertThrows(ReadOnlyException.class, () -> engine.begin(TransactionMode.READ_WRITE));
            } finally {
                engine.close();
            }
            try (StorageEngine reopened = new TestFileBackend().open(config(directory))) {
                TreeMap<String, String> found = Stores.contents(reopened);
                String last = found.get("last");
                boolean doubtfulCommitKept = last != null && last.equals(inDoubt);
                TreeMap<String, String> expected = new TreeMap<>(acknowledged);
                if (doubtfulCommitKept) {
                    int i = Integer.parseInt(inDoubt);
                    expected.put("k" + (i % 50), "v" + i + "-" + "p".repeat(200));
                    expected.put("last", inDoubt);
                }
                assertEquals(expected, found, fault + " #" + n + ": every acknowledged commit, and at most the one in doubt");
                Stores.put(reopened, "writable", "again");
            }
            Stores.deleteDirectory(directory);
        }
        if (fault == FaultyChannels.Fault.WRITE) {
            assertTrue(torn.stream().anyMatch(name -> name.startsWith("wal-")),
                    "a log write was torn on disk full (the log writes at positions): " + torn);
        }
    }

    private static EngineConfig config(Path directory) {
        // small tables and logs, so that flushes and manifest replacements are among the failing operations
        return Stores.config(directory, Durability.FSYNC, "memtable.size", "64k", "wal.maxBytes", "64k",
                "checkpoint.interval", "0");
    }
}
