package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;

import javax.inject.Inject;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobService;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MigrateRequest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A store migrated from the file engine into PostgreSQL and back with the job service's pattern migration (synced,
 * so each copy ends proven equal to its source), in the assembled runtime: the three stores hold the same content,
 * by a digest computed here over a full scan of each. The size is {@code -Dstrata.it.migration.keys}: CI runs a
 * small default (see distribution/pom.xml); the documented run is 1,000,000 keys (backend-postgres/README.md).
 * Needs STRATA_POSTGRES_URL (set by .ci/run).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresMigrationIT {

    private static final long JOB_TIMEOUT_MILLIS = 3_600_000;

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private JobService jobs;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(PostgresMigrationIT.class);
    }

    @Test
    public void aFileStoreMigratesIntoPostgresAndBackWithEqualDigests() throws Exception {
        String url = System.getenv().getOrDefault("STRATA_POSTGRES_URL", "");
        if (url.isBlank() && Boolean.getBoolean("strata.postgres.required")) {
            fail("strata.postgres.required=true but STRATA_POSTGRES_URL is not set");
        }
        assumeTrue("no PostgreSQL server for the tests: set STRATA_POSTGRES_URL (.ci/run starts one)", !url.isBlank());
        int keys = Integer.getInteger("strata.it.migration.keys", 10_000);
        org.osgi.service.cm.Configuration source = Stores.define(configAdmin, "mig-source", "file", "os");
        org.osgi.service.cm.Configuration back = Stores.define(configAdmin, "mig-back", "file", "os");
        org.osgi.service.cm.Configuration onServer = definePostgres("mig-pg", url);
        try {
            Stores.awaitStatus(storage, "mig-source", StoreStatus.ONLINE);
            Stores.awaitStatus(storage, "mig-back", StoreStatus.ONLINE);
            Stores.awaitStatus(storage, "mig-pg", StoreStatus.ONLINE);
            Store files = storage.store("mig-source");
            long started = System.nanoTime();
            for (int from = 0; from < keys; from += 1_000) {
                int first = from;
                files.inTransaction(tx -> {
                    for (int i = first; i < Math.min(first + 1_000, keys); i++) {
                        tx.put(String.format("user.%08d", i), ("value of " + i + " ").repeat(1 + i % 7)
                                .getBytes(StandardCharsets.UTF_8));
                    }
                });
            }
            long loaded = System.nanoTime();
            JobInfo there = migrate("mig-source", "mig-pg");
            long migratedThere = System.nanoTime();
            JobInfo home = migrate("mig-pg", "mig-back");
            long migratedBack = System.nanoTime();

            Digest original = digest(files);
            Digest inPostgres = digest(storage.store("mig-pg"));
            Digest returned = digest(storage.store("mig-back"));
            System.out.printf("PostgresMigrationIT: %,d keys; load %.1f s, file -> postgres %.1f s, postgres -> file"
                    + " %.1f s; digests %s / %s / %s%n", keys, (loaded - started) / 1e9,
                    (migratedThere - loaded) / 1e9, (migratedBack - migratedThere) / 1e9, original, inPostgres,
                    returned);
            assertEquals(keys, original.keys());
            assertEquals("PostgreSQL holds what the file store holds", original, inPostgres);
            assertEquals("the store migrated back holds what the original holds", original, returned);
            assertTrue(there.result(), there.result().startsWith("copied " + keys + " keys"));
            assertTrue(home.result(), home.result().startsWith("copied " + keys + " keys"));
        } finally {
            onServer.delete();
            source.delete();
            back.delete();
        }
    }

    private JobInfo migrate(String from, String to) throws Exception {
        JobInfo job = jobs.await(jobs.submit(new MigrateRequest(from, to, "*", false, "", true), "it").id(),
                JOB_TIMEOUT_MILLIS);
        assertEquals(job.failure(), JobState.SUCCEEDED, job.state());
        return job;
    }

    private org.osgi.service.cm.Configuration definePostgres(String name, String url) throws IOException {
        org.osgi.service.cm.Configuration configuration =
                configAdmin.createFactoryConfiguration(Stores.STORE_FACTORY_PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("backend", "postgres");
        properties.put("durability", "os");
        properties.put("postgres.url", url);
        // a schema of this run's own, so a table left by an earlier run (or the other framework's) is not reused
        properties.put("postgres.schema", "mig_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000);
        configuration.update(properties);
        return configuration;
    }

    /** The number of keys and a SHA-256 over every key and value, in key order, of one snapshot of the store. */
    private static Digest digest(Store store) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (EntryCursor cursor = store.scan(Scan.all())) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                byte[] key = entry.key().getBytes(StandardCharsets.UTF_8);
                sha.update(intBytes(key.length));
                sha.update(key);
                sha.update(intBytes(entry.value().length));
                sha.update(entry.value());
                count++;
            }
        }
        return new Digest(count, HexFormat.of().formatHex(sha.digest()));
    }

    private static byte[] intBytes(int value) {
        return java.nio.ByteBuffer.allocate(4).putInt(value).array();
    }

    private record Digest(long keys, String sha256) {
        @Override
        public String toString() {
            return keys + " keys sha256:" + sha256.substring(0, 16);
        }
    }
}
