package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;
import dev.strata.api.StorageException;

/**
 * A record, outside the Xodus log, of a commit sequence the log is known to hold: written at every checkpoint and
 * clean close. Xodus cuts a log whose tail fails to parse back to its last readable root without a word; the
 * sequence recorded inside the store ({@link StoreMeta}) goes with it, so only a witness kept elsewhere can tell
 * that acknowledged commits were cut. At open a store whose log ends before the witnessed sequence opens read-only
 * with a report. Commits after the last checkpoint are not witnessed (a torn tail after a crash is normal).
 * File format: magic {@code SXW2}, the sequence (8 bytes), CRC32C of both (4 bytes).
 */
final class CommitWitness {

    static final String FILE = "strata-commit.witness";
    private static final int MAGIC = 0x53585732;
    private static final int LENGTH = 16;

    private CommitWitness() {
    }

    /**
     * @return the witnessed sequence, or -1 when the store has no witness yet
     * @throws CorruptionException when the witness file is damaged
     */
    static long read(Path directory) {
        Path file = directory.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length != LENGTH || buffer.getInt(0) != MAGIC || buffer.getInt(12) != checksum(bytes)) {
            throw new CorruptionException("the commit witness is damaged (delete it to accept the log as it is)",
                    file.toString(), 0);
        }
        return buffer.getLong(4);
    }

    /** Replaces the witness atomically: a temporary file, forced, renamed into place, the directory forced. */
    static void write(Path directory, long sequence) {
        Path file = directory.resolve(FILE);
        Path temporary = directory.resolve(FILE + ".tmp");
        byte[] bytes = new byte[LENGTH];
        ByteBuffer.wrap(bytes).putInt(0, MAGIC).putLong(4, sequence);
        ByteBuffer.wrap(bytes).putInt(12, checksum(bytes));
        try {
            Files.write(temporary, bytes);
            LogForce.forcePath(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LogForce.forcePath(directory);
        } catch (IOException e) {
            throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 12);
        return (int) crc.getValue();
    }
}
