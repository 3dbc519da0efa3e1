package dev.strata.benchmarks;

import java.nio.charset.StandardCharsets;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB, the write-ahead log on but not synced ({@code WriteOptions.sync=false}, the default), each batch of puts
 * one {@link WriteBatch}. Either with its default options (untuned: the default small block cache, no Bloom
 * filter; {@code rocksdb} in EngineBenchmark), or tuned as its users run it ({@code rocksdb-tuned}): a full-key
 * Bloom filter of 10 bits per key in block-based tables, and an LRU block cache of a given size.
 */
final class RocksDbTarget implements YcsbTarget {

    static {
        RocksDB.loadLibrary();
    }

    private final ScratchDirectory directory = new ScratchDirectory("rocksdb-");
    private final Options options;
    private final LRUCache cache;
    private final WriteOptions writeOptions = new WriteOptions();
    private final RocksDB db;

    RocksDbTarget() {
        this(0);
    }

    /** @param cacheBytes 0: default options; otherwise tuned, with an LRU block cache of this size */
    RocksDbTarget(long cacheBytes) {
        options = new Options().setCreateIfMissing(true);
        if (cacheBytes > 0) {
            cache = new LRUCache(cacheBytes);
            options.setTableFormatConfig(new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(new BloomFilter(10, false))
                    .setCacheIndexAndFilterBlocks(false));
        } else {
            cache = null;
        }
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
    public int scanFrom(String from, int count) {
        int read = 0;
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seek(from.getBytes(StandardCharsets.UTF_8)); iterator.isValid() && read < count;
                    iterator.next()) {
                byte[] keyBytes = iterator.key();
                byte[] valueBytes = iterator.value();
                read += keyBytes.length > 0 && valueBytes.length > 0 ? 1 : 0;
            }
        }
        return read;
    }

    @Override
    public void close() {
        try {
            db.close();
            writeOptions.close();
            options.close();
            if (cache != null) {
                cache.close();
            }
        } finally {
            directory.close();
        }
    }
}
