package dev.strata.backend.file.internal;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.support.BackendSettings;
import dev.strata.api.spi.support.SettingValues;

/**
 * The store settings the file engine reads from {@link EngineConfig#properties()} (the keys of
 * {@link FileStoreConfiguration}), checked once at open. A blank value means the default (core passes every setting
 * of its form, empty when unset). See README.md.
 *
 * @param compression           codec for new blocks: {@code lz4} (default), {@code zstd}, {@code deflate}, {@code none}
 * @param keyAlias              encryption key alias; {@code null} for no encryption
 * @param cipher                {@code encryption.cipher}: the AEAD cipher asked for, {@code null} when not set
 * @param cacheBytes            block cache size ({@code cache.size}, default {@link #DEFAULT_CACHE_BYTES}, 0 turns
 *                              it off)
 * @param memtableBytes         memory table size that triggers a flush ({@code memtable.size}, default 32 MiB)
 * @param checkpointMillis      checkpoint interval ({@code checkpoint.interval}: seconds, or with s/m/h; default
 *                              5 minutes; 0 turns the timer off)
 * @param walMaxBytes           log size that triggers a checkpoint ({@code wal.maxBytes}, default 128 MiB)
 * @param blockSize             target data block size before compression ({@code block.size}, default 8 KiB)
 * @param bloomBitsPerKey       Bloom filter bits per key ({@code bloom.bitsPerKey}, default 10)
 * @param maxSegments           segments allowed before a merge of the newest ones ({@code compaction.maxSegments},
 *                              default 8)
 * @param maxImmutableMemtables memory tables waiting for flush before writers wait ({@code memtable.maxPending},
 *                              default 4)
 */
public record EngineSettings(String compression, String keyAlias, String cipher, long cacheBytes, long memtableBytes,
        long checkpointMillis, long walMaxBytes, int blockSize, int bloomBitsPerKey, int maxSegments,
        int maxImmutableMemtables) {

    /**
     * 256 MiB, or an eighth of the heap when that is less: random reads are as fast as the share of decoded blocks
     * the cache holds (a 64 MiB default cannot hold the 116 MB of a 1M-key benchmark), and an engine
     * that relies on the page cache alone pays for reading, decrypting and decompressing a block on every miss.
     */
    public static final long DEFAULT_CACHE_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

    /**
     * @throws InvalidArgumentException for a key this engine does not read, or a value out of its range, naming
     *                                  the key
     */
    public static EngineSettings from(EngineConfig config) {
        FileStoreConfiguration typed = BackendSettings.read(config, FileStoreConfiguration.class);
        try {
            String compression = typed.compression().toLowerCase(Locale.ROOT);
            // not checked against a list: codecs are services, and one installed later serves the store then
            String alias = typed.encryption_keyAlias();
            String cipher = typed.encryption_cipher();
            return new EngineSettings(compression, alias.isEmpty() ? null : alias, cipher.isEmpty() ? null : cipher,
                    typed.cache_size().isEmpty() ? DEFAULT_CACHE_BYTES
                            : within("cache.size", SettingValues.size("cache.size", typed.cache_size()), 0, Long.MAX_VALUE),
                    within("memtable.size", SettingValues.size("memtable.size", typed.memtable_size()), 64L << 10, 1L << 30),
                    SettingValues.durationMillis("checkpoint.interval", typed.checkpoint_interval(), TimeUnit.SECONDS),
                    within("wal.maxBytes", SettingValues.size("wal.maxBytes", typed.wal_maxBytes()), 64L << 10,
                            Long.MAX_VALUE),
                    (int) within("block.size", SettingValues.size("block.size", typed.block_size()), 512, 4L << 20),
                    (int) within("bloom.bitsPerKey", typed.bloom_bitsPerKey(), 1, 30),
                    (int) within("compaction.maxSegments", typed.compaction_maxSegments(), 2, 64),
                    (int) within("memtable.maxPending", typed.memtable_maxPending(), 1, 64));
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': " + e.getMessage());
        }
    }

    private static long within(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
