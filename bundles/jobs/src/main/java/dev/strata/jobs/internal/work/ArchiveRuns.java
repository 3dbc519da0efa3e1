package dev.strata.jobs.internal.work;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import dev.strata.api.Store;

/**
 * Where an unfinished run stands (a cold-archive run; also a pattern migration, under {@value #MIGRATION_PREFIX}).
 * For a cold-archive run, in the system store under {@value #PREFIX}{@code <store>.<selection
 * id>}: written after each segment is archived and catalogued (with the segment's file, whose keys are being deleted
 * from the live store) and again once they are deleted; removed when the run completes. A run submitted again with
 * the same selection reads it and continues: it first finishes the deletion of the segment it names, then archives
 * the keys after the last archived one.
 */
final class ArchiveRuns {

    static final String PREFIX = "archives.runs.";
    /** Where pattern migrations keep theirs ({@link MigrateJob}: {@code deleting} and {@code archives} unused). */
    static final String MIGRATION_PREFIX = "migrations.runs.";

    /**
     * @param jobId    the job that wrote it
     * @param deleting the archive whose keys were being deleted ("" once they are)
     * @param lastKey  the last key archived so far
     * @param keys     keys archived so far (all segments)
     * @param archives archive files written so far
     */
    record Position(String jobId, String deleting, String lastKey, long keys, long archives) {
    }

    private final Store system;
    private final String key;

    ArchiveRuns(Store system, String store, String selection) {
        this(system, PREFIX, store, selection);
    }

    private ArchiveRuns(Store system, String prefix, String store, String selection) {
        this.system = system;
        this.key = prefix + store + "." + id(selection);
    }

    /** The position of a pattern migration out of {@code source}, keyed by everything its request names. */
    static ArchiveRuns migration(Store system, String source, String selection) {
        return new ArchiveRuns(system, MIGRATION_PREFIX, source, selection);
    }

    Optional<Position> position() {
        return system.get(key).map(bytes -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                in.readByte();
                return new Position(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void record(Position p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(p.jobId());
            out.writeUTF(p.deleting());
            out.writeUTF(p.lastKey());
            out.writeLong(p.keys());
            out.writeLong(p.archives());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        system.put(key, bytes.toByteArray());
    }

    void finished() {
        system.delete(key);
    }

    private static String id(String selection) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(selection.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
