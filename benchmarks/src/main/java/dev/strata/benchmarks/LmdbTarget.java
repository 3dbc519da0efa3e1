package dev.strata.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * LMDB through lmdbjava, with {@code MDB_NOSYNC | MDB_NOMETASYNC} (no fsync at commit). lmdbjava's fast buffer
 * proxy reaches into {@code java.nio} internals, hence the {@code --add-opens} in the forks' JVM arguments. Like
 * the Strata API, each get is its own read transaction and values are copied out of the map into byte arrays.
 */
final class LmdbTarget implements YcsbTarget {

    /** Room for a million 116-byte entries with B-tree overhead and copy-on-write pages. */
    private static final long MAP_BYTES = 4L << 30;

    private final ScratchDirectory directory = new ScratchDirectory("lmdb-");
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> dbi;
    /** One key buffer per thread: LMDB wants direct buffers, and allocating one per call would dominate. */
    private final ThreadLocal<ByteBuffer> keyBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(511));

    LmdbTarget() {
        try {
            env = Env.create()
                    .setMapSize(MAP_BYTES)
                    .setMaxDbs(1)
                    .open(directory.path().toFile(), EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        dbi = env.openDbi("bench", DbiFlags.MDB_CREATE);
    }

    @Override
    public void putBatch(String[] keys, int from, int to, byte[] value) {
        ByteBuffer valueBuffer = ByteBuffer.allocateDirect(value.length).put(value).flip();
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            for (int i = from; i < to; i++) {
                dbi.put(txn, key(keys[i]), valueBuffer);
            }
            txn.commit();
        }
    }

    @Override
    public byte[] get(String key) {
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer found = dbi.get(txn, key(key));
            return found == null ? null : bytes(found);
        }
    }

    @Override
    public long scanAll() {
        long count = 0;
        try (Txn<ByteBuffer> txn = env.txnRead(); Cursor<ByteBuffer> cursor = dbi.openCursor(txn)) {
            for (boolean more = cursor.first(); more; more = cursor.next()) {
                byte[] keyBytes = bytes(cursor.key());
                byte[] valueBytes = bytes(cursor.val());
                count += keyBytes.length > 0 && valueBytes.length > 0 ? 1 : 0;
            }
        }
        return count;
    }

    @Override
    public int scanFrom(String from, int count) {
        int read = 0;
        try (Txn<ByteBuffer> txn = env.txnRead(); Cursor<ByteBuffer> cursor = dbi.openCursor(txn)) {
            for (boolean more = cursor.get(key(from), org.lmdbjava.GetOp.MDB_SET_RANGE); more && read < count;
                    more = cursor.next()) {
                byte[] keyBytes = bytes(cursor.key());
                byte[] valueBytes = bytes(cursor.val());
                read += keyBytes.length > 0 && valueBytes.length > 0 ? 1 : 0;
            }
        }
        return read;
    }

    private ByteBuffer key(String key) {
        ByteBuffer buffer = keyBuffers.get().clear();
        return buffer.put(key.getBytes(StandardCharsets.UTF_8)).flip();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    @Override
    public void close() {
        try {
            dbi.close();
            env.close();
        } finally {
            directory.close();
        }
    }
}
