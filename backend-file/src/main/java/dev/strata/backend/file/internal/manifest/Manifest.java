package dev.strata.backend.file.internal.manifest;

import java.util.ArrayList;
import java.util.List;

import dev.strata.backend.file.internal.codec.KeyCheck;

/**
 * The store's table of contents, replaced as a whole: which segments are live (newest first), where the log
 * starts, how far segments reach, and the key check values of an encrypted store.
 *
 * @param generation     increases with every replacement
 * @param nextFileNumber the lowest file number not used yet (log and segment files share the counter)
 * @param walStart       the lowest log file number recovery must replay; older log files are obsolete
 * @param flushedSeq     every transaction up to this sequence number is in the segments
 * @param keyAlias       the encryption key alias, {@code null} for a store that never encrypted
 * @param keyChecks      one check value per key id the store has written with
 * @param segments       the live segments, newest first
 * @param identity       the store's id, cipher and where encryption began
 */
public record Manifest(long generation, long nextFileNumber, long walStart, long flushedSeq, String keyAlias,
        List<KeyCheck> keyChecks, List<SegmentMeta> segments, Identity identity) {

    /**
     * What binds a store's encrypted data to it.
     *
     * @param storeId        random, chosen when the store is created; part of the associated data of every
     *                       encrypted log record and block (0: a store made before it was recorded, whose data is
     *                       bound to file and position only)
     * @param cipher         the AEAD algorithm ({@code strata.cipher} service property), {@code null} when the
     *                       store does not encrypt
     * @param encryptedSince the first file number written encrypted: from there on a plaintext record or block is
     *                       refused as tampering ({@code 0}: no such number recorded)
     */
    public record Identity(long storeId, String cipher, long encryptedSince) {
        public static final Identity LEGACY = new Identity(0, null, 0);

        public static Identity create(String cipher, long encryptedSince) {
            long id;
            do {
                id = new java.security.SecureRandom().nextLong();
            } while (id == 0);
            return new Identity(id, cipher, encryptedSince);
        }
    }

    public Manifest {
        keyChecks = List.copyOf(keyChecks);
        segments = List.copyOf(segments);
        identity = identity == null ? Identity.LEGACY : identity;
    }

    public Manifest(long generation, long nextFileNumber, long walStart, long flushedSeq, String keyAlias,
            List<KeyCheck> keyChecks, List<SegmentMeta> segments) {
        this(generation, nextFileNumber, walStart, flushedSeq, keyAlias, keyChecks, segments, Identity.LEGACY);
    }

    /** A new store's first manifest: a fresh store id, and encrypted from its first file when it has a key. */
    public static Manifest empty(String keyAlias, List<KeyCheck> keyChecks, String cipher) {
        return new Manifest(1, 1, 1, 0, keyAlias, keyChecks, List.of(),
                Identity.create(keyAlias == null ? null : cipher, keyAlias == null ? 0 : 1));
    }

    public static Manifest empty(String keyAlias, List<KeyCheck> keyChecks) {
        return empty(keyAlias, keyChecks, null);
    }

    /** Encryption turned on (or the cipher first recorded): files from the next number on must be encrypted. */
    public Manifest withCipher(String cipher, long firstEncryptedFile) {
        long since = identity.encryptedSince() > 0 ? identity.encryptedSince() : firstEncryptedFile;
        return new Manifest(generation + 1, nextFileNumber, walStart, flushedSeq, keyAlias, keyChecks, segments,
                new Identity(identity.storeId(), cipher, since));
    }

    /** The same content one generation on: rewriting it makes the replaced generation's obsolete files deletable. */
    public Manifest nextGeneration() {
        return new Manifest(generation + 1, nextFileNumber, walStart, flushedSeq, keyAlias, keyChecks, segments, identity);
    }

    public Manifest withKeys(String alias, List<KeyCheck> checks) {
        return new Manifest(generation + 1, nextFileNumber, walStart, flushedSeq, alias, checks, segments, identity);
    }

    public Manifest withLog(long newWalStart, long newNextFileNumber) {
        return new Manifest(generation + 1, Math.max(nextFileNumber, newNextFileNumber), newWalStart, flushedSeq,
                keyAlias, keyChecks, segments, identity);
    }

    /** After a flush: the new segment is the newest, and the log before {@code newWalStart} is covered. */
    public Manifest withFlush(SegmentMeta segment, long newFlushedSeq, long newWalStart, long newNextFileNumber) {
        List<SegmentMeta> live = new ArrayList<>(segments.size() + 1);
        live.add(segment);
        live.addAll(segments);
        return new Manifest(generation + 1, Math.max(nextFileNumber, newNextFileNumber), newWalStart,
                Math.max(flushedSeq, newFlushedSeq), keyAlias, keyChecks, live, identity);
    }

    /**
     * After a compaction: the inputs (consecutive in age) are replaced by the output in their place, or just
     * dropped when the output is {@code null} (everything in them was deleted).
     */
    public Manifest withCompaction(List<SegmentMeta> inputs, SegmentMeta output, long newNextFileNumber) {
        List<SegmentMeta> live = new ArrayList<>(segments.size());
        boolean placed = false;
        for (SegmentMeta segment : segments) {
            if (inputs.stream().anyMatch(input -> input.id() == segment.id())) {
                if (!placed && output != null) {
                    live.add(output);
                }
                placed = true;
            } else {
                live.add(segment);
            }
        }
        return new Manifest(generation + 1, Math.max(nextFileNumber, newNextFileNumber), walStart, flushedSeq,
                keyAlias, keyChecks, live, identity);
    }

    /** Whether this manifest names the segment. */
    public boolean names(long segmentId) {
        return segments.stream().anyMatch(segment -> segment.id() == segmentId);
    }

    public long segmentBytes() {
        return segments.stream().mapToLong(SegmentMeta::bytes).sum();
    }
}
