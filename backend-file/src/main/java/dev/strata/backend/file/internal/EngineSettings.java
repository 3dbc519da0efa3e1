package dev.strata.backend.file.internal;

import java.util.Locale;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;

/**
 * The store settings the file engine reads from {@link EngineConfig#properties()}, checked once at open. A blank
 * value means the default (core passes every setting of its form, empty when unset). See README.md.
 *
 * @param compression           codec for new blocks: {@code lz4} (default), {@code zstd}, {@code deflate}, {@code none}
 * @param keyAlias              encryption key alias; {@code null} for no encryption
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
public record EngineSettings(String compression, String keyAlias, long cacheBytes, long memtableBytes,
        long checkpointMillis, long walMaxBytes, int blockSize, int bloomBitsPerKey, int maxSegments,
        int maxImmutableMemtables) {

    /**
     * 256 MiB, or an eighth of the heap when that is less: random reads are as fast as the share of decoded blocks
     * the cache holds (a 64 MiB default cannot hold the 116 MB of a 1M-key benchmark), and an engine
     * that relies on the page cache alone pays for reading, decrypting and decompressing a block on every miss.
     */
    public static final long DEFAULT_CACHE_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

    public static EngineSettings from(EngineConfig config) {
        String compression = text(config, "compression", "lz4").toLowerCase(Locale.ROOT);
        String alias = text(config, "encryption.keyAlias", "");
        return new EngineSettings(compression, alias.isEmpty() ? null : alias,
                size(config, "cache.size", DEFAULT_CACHE_BYTES, 0, Long.MAX_VALUE),
                size(config, "memtable.size", 32L << 20, 64L << 10, 1L << 30),
                duration(config, "checkpoint.interval", 300_000),
                size(config, "wal.maxBytes", 128L << 20, 64L << 10, Long.MAX_VALUE),
                (int) size(config, "block.size", 8L << 10, 512, 4L << 20),
                (int) size(config, "bloom.bitsPerKey", 10, 1, 30),
                (int) size(config, "compaction.maxSegments", 8, 2, 64),
                (int) size(config, "memtable.maxPending", 4, 1, 64));
    }

    private static String text(EngineConfig config, String key, String fallback) {
        String value = config.string(key, fallback);
        return value.isEmpty() ? fallback : value;
    }

    private static long size(EngineConfig config, String key, long fallback, long min, long max) {
        Object raw = config.properties().get(key);
        long value = raw == null || raw.toString().isBlank() ? fallback : config.size(key, fallback);
        if (value < min || value > max) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': " + key + " must be between "
                    + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static long duration(EngineConfig config, String key, long fallbackMillis) {
        String text = text(config, key, "").toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return fallbackMillis;
        }
        long unit = 1000;
        char last = text.charAt(text.length() - 1);
        if (last == 's' || last == 'm' || last == 'h') {
            unit = last == 's' ? 1000 : last == 'm' ? 60_000 : 3_600_000;
            text = text.substring(0, text.length() - 1);
            if (text.endsWith("m") && last == 's') {
                unit = 1; // "ms"
                text = text.substring(0, text.length() - 1);
            }
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': " + key
                    + " must be a duration such as 300, 30s, 5m or 1h, was '" + config.string(key, "") + "'");
        }
    }
}
