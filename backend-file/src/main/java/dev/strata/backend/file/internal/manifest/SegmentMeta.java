package dev.strata.backend.file.internal.manifest;

/**
 * What the manifest records of one live segment.
 *
 * @param id      the file number ({@code seg-<id>.sst})
 * @param bytes   the file's size
 * @param entries entries (values and tombstones) it holds
 * @param minSeq  the lowest sequence number in it
 * @param maxSeq  the highest sequence number in it
 */
public record SegmentMeta(long id, long bytes, long entries, long minSeq, long maxSeq) {

    public static String fileName(long id) {
        return String.format("seg-%012d.sst", id);
    }

    /** The id in a segment file's name. */
    public static long idOf(java.nio.file.Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring("seg-".length(), name.length() - ".sst".length()));
    }

    public String fileName() {
        return fileName(id);
    }
}
