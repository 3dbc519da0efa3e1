package dev.strata.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.BackendInfo;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.api.management.JobRequest;
import dev.strata.jobs.internal.JobControl;
import dev.strata.jobs.internal.archive.ArchiveCodecs;
import dev.strata.jobs.internal.work.JobEnvironment;
import dev.strata.jobs.internal.work.Jobs;
import dev.strata.crypto.internal.codec.Lz4Compressor;

/**
 * The jobs bundle's job classes ({@link Jobs}) run directly, outside OSGi, as its job service runs them: over a
 * storage service of the benchmark's own stores, with the crypto bundle's LZ4 codec, no encryption, 1 MiB chunks
 * (the bundle's default; {@code -Dstrata.bench.chunkKilobytes=N} for another size), and a job control that records
 * nothing.
 */
final class JobsOutsideOsgi {

    private final Map<String, Store> stores = new ConcurrentHashMap<>();
    private final Jobs jobs;

    JobsOutsideOsgi(Path directory) {
        Lz4Compressor lz4 = new Lz4Compressor();
        ArchiveCodecs codecs = new ArchiveCodecs() {
            @Override
            public Compressor compressor(String name) {
                if (name == null || name.isEmpty() || name.equals("none")) {
                    return null;
                }
                if (!name.equals(lz4.name())) {
                    throw new IllegalArgumentException("only lz4 here, not " + name);
                }
                return lz4;
            }

            @Override
            public Compressor compressor(int id) {
                if (id != lz4.id()) {
                    throw new IllegalArgumentException("only lz4 here, not codec id " + id);
                }
                return lz4;
            }

            @Override
            public AeadCipher cipher(String algorithm) {
                throw new IllegalArgumentException("no encryption in this benchmark");
            }

            @Override
            public KeyProvider keys() {
                throw new IllegalArgumentException("no keystore in this benchmark");
            }
        };
        StorageService storage = new StorageService() {
            @Override
            public List<StoreInfo> stores() {
                return stores.values().stream().map(Store::info).toList();
            }

            @Override
            public Store store(String name) {
                return findStore(name).orElseThrow(() -> new NotFoundException("no store " + name));
            }

            @Override
            public Optional<Store> findStore(String name) {
                return Optional.ofNullable(stores.get(name));
            }

            @Override
            public List<BackendInfo> backends() {
                return List.of();
            }
        };
        jobs = new Jobs(new JobEnvironment(storage, codecs, name -> Optional.empty(), null, Optional::empty,
                directory, directory, lz4.name(), Integer.getInteger("strata.bench.chunkKilobytes", 1024) * 1024, null,
                Optional::empty, 0));
    }

    void add(Store store) {
        stores.put(store.name(), store);
    }

    /** Runs one job to its end in this thread; returns its result line. */
    String run(JobRequest request) throws Exception {
        return jobs.plan(request).run(new JobControl() {
            @Override
            public void totals(long keys, long bytes) {
            }

            @Override
            public void chunkDone(long keysDone, long bytesDone, long bytesJustMoved) {
            }

            @Override
            public void progress(long keysDone, long bytesDone) {
            }

            @Override
            public void checkCancelled() {
            }

            @Override
            public void message(String text) {
            }

            @Override
            public void report(String line) {
            }

            @Override
            public void awaitConfirmation(String message, Runnable meanwhile) {
                // backups and restores never wait for an operator; only engine migrations do
            }

            @Override
            public String jobId() {
                return "bench";
            }
        });
    }
}
