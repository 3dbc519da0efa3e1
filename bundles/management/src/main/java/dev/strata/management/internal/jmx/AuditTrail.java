package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import dev.strata.api.StorageException;

/**
 * A tamper-evident, append-only audit log: one line per entry,
 * {@code seq|time|user|from|action|target|detail|result|hash}, where {@code hash} is SHA-256 over the previous
 * entry's hash and this entry's fields. Changing, removing, reordering or inserting an entry breaks the chain from
 * that entry on, which {@link #verify()} reports. (Cutting entries off the end cannot be told from a shorter trail
 * by the chain alone; the entry count is also shown through JMX, so a monitor that records it notices.) Each
 * append is forced to disk before the operation it records is acknowledged.
 */
final class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private long nextSeq;
    private String lastHash;

    AuditTrail(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            nextSeq = lines.size();
            lastHash = lines.isEmpty() ? GENESIS : AuditEntry.parse(lines.get(lines.size() - 1)).hash();
        } catch (IOException e) {
            throw new StorageException("cannot open the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends an entry and forces it to disk. */
    synchronized AuditEntry append(String user, String from, String action, String target, String detail,
            String result) {
        AuditEntry unsigned = new AuditEntry(nextSeq, Instant.now().toString(), user, from, action, target, detail,
                result, "");
        AuditEntry entry = unsigned.withHash(hash(lastHash, unsigned));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap((entry.line() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new StorageException("cannot write the audit trail " + file + ": " + e.getMessage(), e);
        }
        nextSeq++;
        lastHash = entry.hash();
        return entry;
    }

    synchronized long size() {
        return nextSeq;
    }

    List<String> lines(long from, int max) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(Math.max(0, from)).limit(Math.max(0, max)).toList();
        } catch (IOException e) {
            throw new StorageException("cannot read the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    /** Walks the chain: {@code ok: N entries}, or the first entry that does not follow from the one before. */
    String verify() {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new StorageException("cannot read the audit trail " + file + ": " + e.getMessage(), e);
        }
        String previous = GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            AuditEntry entry;
            try {
                entry = AuditEntry.parse(lines.get(i));
            } catch (StorageException e) {
                return "damaged: line " + (i + 1) + " is not an audit entry (" + e.getMessage() + ")";
            }
            if (entry.seq() != i) {
                return "damaged: line " + (i + 1) + " holds entry " + entry.seq() + " (an entry was removed or inserted)";
            }
            if (!hash(previous, entry).equals(entry.hash())) {
                return "damaged: entry " + i + " does not match its hash (it, or the entry before it, was changed)";
            }
            previous = entry.hash();
        }
        return "ok: " + lines.size() + " entries";
    }

    static String hash(String previousHash, AuditEntry entry) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            digest.update(entry.unsignedLine().getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new StorageException("SHA-256 is not available in this JDK", e);
        }
    }
}
