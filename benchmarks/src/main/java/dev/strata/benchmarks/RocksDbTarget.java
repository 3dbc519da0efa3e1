package dev.strata.benchmarks;

import java.nio.charset.StandardCharsets;

import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB with its default options (untuned: no block cache sizing, no Bloom filter), the write-ahead log on but
 * not synced ({@code WriteOptions.sync=false}, the default), each batch of puts one {@link WriteBatch}.
 */
final class RocksDbTarget implements KeyValueTarget {

    static {
        RocksDB.loadLibrary();
    }

    private final ScratchDirectory directory = new ScratchDirectory("rocksdb-");
    private final Options options = new Options().setCreateIfMissing(true);
    private final WriteOptions writeOptions = new WriteOptions();
    private final RocksDB db;

    RocksDbTarget() {
        try {
            db = RocksDB.open(options, directory.path().toString());
        } catch (RocksDBException e) {
            directory.close();
            throw new IllegalStateException("cannot open RocksDB in " + directory.path(), e);
        }
    }

    @Override
    public void putBatch(String[] keys, int from, int to, byte[] value) {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = from; i < to; i++) {
                batch.put(keys[i].getBytes(StandardCharsets.UTF_8), value);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB write failed", e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return db.get(key.getBytes(StandardCharsets.UTF_8));
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB get failed", e);
        }
    }

    @Override
    public long scanAll() {
        long count = 0;
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                byte[] keyBytes = iterator.key();
                byte[] valueBytes = iterator.value();
                count += keyBytes.length > 0 && valueBytes.length > 0 ? 1 : 0;
            }
        }
        return count;
    }

    @Override
    public void close() {
        try {
            db.close();
            writeOptions.close();
            options.close();
        } finally {
            directory.close();
        }
    }
}
