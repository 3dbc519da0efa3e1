package dev.strata.jobs.internal.archive;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last chunk of an archive: what it holds and how to check it. Written sealed like every chunk.
 *
 * @param archiveId        the archive's id (hex), equal to the header's
 * @param kind             {@code backup} or {@code cold}
 * @param store            the store it was taken from
 * @param engine           that store's backend type
 * @param formatVersion    the archive format version
 * @param keys             entries in the archive
 * @param bytes            key and value bytes in the archive
 * @param createdAt        epoch milliseconds when the snapshot was taken
 * @param snapshotSequence the commit sequence of the snapshot, or -1 when the store API did not tell
 * @param digest           the {@link ContentDigest} of the entries in order
 * @param chunks           the data chunks, in order
 * @param extra            further properties (compression, encryption alias, the selection of a cold archive)
 */
public record ArchiveManifest(String archiveId, String kind, String store, String engine, int formatVersion,
        long keys, long bytes, long createdAt, long snapshotSequence, String digest, List<ChunkIndex> chunks,
        Map<String, String> extra) {

    public ArchiveManifest {
        chunks = List.copyOf(chunks);
        extra = Map.copyOf(extra);
    }

    byte[] encode() {
        ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytesOut)) {
            out.writeUTF(archiveId);
            out.writeUTF(kind);
            out.writeUTF(store);
            out.writeUTF(engine);
            out.writeInt(formatVersion);
            out.writeLong(keys);
            out.writeLong(bytes);
            out.writeLong(createdAt);
            out.writeLong(snapshotSequence);
            out.writeUTF(digest);
            out.writeInt(chunks.size());
            for (ChunkIndex chunk : chunks) {
                out.writeLong(chunk.index());
                out.writeLong(chunk.offset());
                out.writeInt(chunk.entries());
                out.writeUTF(chunk.firstKey());
                out.writeUTF(chunk.lastKey());
            }
            Map<String, String> sorted = new TreeMap<>(extra);
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytesOut.toByteArray();
    }

    /** @throws IOException when the bytes are not a manifest (the caller names the file and offset) */
    static ArchiveManifest decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            String id = in.readUTF();
            String kind = in.readUTF();
            String store = in.readUTF();
            String engine = in.readUTF();
            int version = in.readInt();
            long keys = in.readLong();
            long bytes = in.readLong();
            long created = in.readLong();
            long sequence = in.readLong();
            String digest = in.readUTF();
            int count = in.readInt();
            if (count < 0 || count > data.length) {
                throw new IOException("chunk count " + count + " is impossible");
            }
            List<ChunkIndex> chunks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                chunks.add(new ChunkIndex(in.readLong(), in.readLong(), in.readInt(), in.readUTF(), in.readUTF()));
            }
            int extras = in.readInt();
            if (extras < 0 || extras > data.length) {
                throw new IOException("property count " + extras + " is impossible");
            }
            Map<String, String> extra = new TreeMap<>();
            for (int i = 0; i < extras; i++) {
                extra.put(in.readUTF(), in.readUTF());
            }
            if (in.read() != -1) {
                throw new IOException("bytes after the manifest");
            }
            return new ArchiveManifest(id, kind, store, engine, version, keys, bytes, created, sequence, digest,
                    chunks, extra);
        }
    }
}
