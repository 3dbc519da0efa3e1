package dev.strata.jobs.internal.work;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyMetadata;
import dev.strata.api.KeyOrder;
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.jobs.internal.archive.ArchiveManifest;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.archive.ContentDigest;
import dev.strata.jobs.internal.archive.KeyRecord;

/**
 * Proves a restore by walking the archive and one snapshot of the restored store side by side, in key order: every
 * archived key that has not expired is there with its value, its tags and its expiry (no earlier than the archived
 * one, and later by at most the longest a batch of the restore took: see {@link Records}); a key that is absent must
 * have expired by the time it is looked for; the store holds nothing else. When no key expired, the store's digest
 * must also equal the manifest's.
 */
final class RestoreProof {

    /** At most this many differences are named in the failure. */
    private static final int NAMED = 3;

    /** What the restored store held. */
    record Proof(long keys, long bytes, String digest, long expired, String line) {
    }

    private final JobEnvironment env;
    private final long driftMillis;
    private final ContentDigest digest = new ContentDigest();
    private final List<String> differences = new ArrayList<>();
    private long differenceCount;
    private long keys;
    private long bytes;
    private long expired;
    private Entry stored;

    private RestoreProof(JobEnvironment env, long driftMillis) {
        this.env = env;
        this.driftMillis = driftMillis;
    }

    /**
     * @param driftMillis how much later than archived a restored key's expiry may be
     * @throws StorageException naming the first differences when the store does not hold the archive's content
     */
    static Proof check(Path file, Store target, JobEnvironment env, long driftMillis) {
        return new RestoreProof(env, driftMillis).run(file, target);
    }

    private Proof run(Path file, Store target) {
        ArchiveManifest manifest;
        try (ArchiveReader reader = ArchiveReader.open(file, env.codecs());
             Transaction tx = target.begin(TransactionMode.READ_ONLY);
             EntryCursor cursor = tx.scan(Scan.all())) {
            stored = next(cursor);
            manifest = reader.readAll((chunk, entries, read) -> entries.forEach(r -> match(r, tx, cursor)));
            while (stored != null) {
                extra(cursor);
            }
        }
        String restoredDigest = digest.finish();
        String line = "restored digest " + restoredDigest + " (" + keys + " keys) vs manifest " + manifest.digest()
                + " (" + manifest.keys() + " keys)";
        if (expired > 0) {
            line += "; " + expired + " archived key(s) had expired and were not restored";
        }
        if (differenceCount > 0 || expired == 0 && !restoredDigest.equals(manifest.digest())) {
            throw new StorageException("restored store '" + target.name() + "' does not match the archive: "
                    + differenceCount + " difference(s), first " + String.join(", ", differences) + "; " + line
                    + " (was it written to while restoring?)");
        }
        return new Proof(keys, bytes, restoredDigest, expired, line);
    }

    private void match(KeyRecord archived, Transaction tx, EntryCursor cursor) {
        while (stored != null && KeyOrder.compare(stored.key(), archived.key()) < 0) {
            extra(cursor);
        }
        if (stored == null || !stored.key().equals(archived.key())) {
            if (archived.expiredAt(env.now())) {
                expired++;
            } else {
                differ("'" + archived.key() + "' is missing");
            }
            return;
        }
        Optional<KeyMetadata> metadata = Records.metadata(tx, cursor, archived.key());
        if (!Arrays.equals(stored.value(), archived.value())) {
            differ("'" + archived.key() + "' holds another value");
        } else if (metadata.isEmpty()) {
            // it expired between the scan and this read
            if (!archived.expiredAt(env.now())) {
                differ("'" + archived.key() + "' vanished");
            }
        } else {
            long expiresAt = Records.expiresAt(metadata.get());
            boolean expiryKept = archived.expiresAt() == 0 ? expiresAt == 0
                    : expiresAt >= archived.expiresAt() && expiresAt <= archived.expiresAt() + driftMillis;
            if (!expiryKept) {
                differ("'" + archived.key() + "' expires at " + expiresAt + ", archived " + archived.expiresAt());
            } else if (!metadata.get().tags().equals(archived.tags())) {
                differ("'" + archived.key() + "' has tags " + metadata.get().tags() + ", archived " + archived.tags());
            }
        }
        count(stored);
        stored = next(cursor);
    }

    private void extra(EntryCursor cursor) {
        differ("'" + stored.key() + "' is not in the archive");
        count(stored);
        stored = next(cursor);
    }

    private void count(Entry e) {
        byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
        digest.update(key, e.value());
        keys++;
        bytes += key.length + e.value().length;
    }

    private void differ(String what) {
        if (differenceCount++ < NAMED) {
            differences.add(what);
        }
    }

    private static Entry next(EntryCursor cursor) {
        return cursor.hasNext() ? cursor.next() : null;
    }
}
