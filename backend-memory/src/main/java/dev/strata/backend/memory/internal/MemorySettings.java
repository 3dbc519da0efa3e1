package dev.strata.backend.memory.internal;

import java.util.Locale;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.support.BackendSettings;
import dev.strata.api.spi.support.SettingValues;

/**
 * The store settings the memory engine reads.
 *
 * @param limitBytes the most bytes of committed data (keys, newest values and per-entry overhead) the store may
 *                   hold, or {@code 0} for no limit
 * @param policy     what a commit that would exceed the limit does
 * @param deflate    whether values above {@link ValueCodec#COMPRESSION_THRESHOLD} bytes are stored deflated
 */
public record MemorySettings(long limitBytes, OverflowPolicy policy, boolean deflate) {

    /** Store setting: the memory limit, a size such as {@code 64m}; absent or {@code 0} means unlimited. */
    public static final String LIMIT = "memory.limit";
    /** Store setting: {@code refuse} (default) or {@code evict-lru}. */
    public static final String POLICY = "memory.policy";
    /** Store setting: {@code none} (default) or {@code deflate}. */
    public static final String COMPRESSION = "compression";

    /** What happens when a commit would take the store over its limit. */
    public enum OverflowPolicy {
        /** The commit fails with a quota error and applies nothing. */
        REFUSE,
        /** Least-recently-used keys are evicted (deleted) in the same commit to make room. */
        EVICT_LRU
    }

    public MemorySettings {
        if (limitBytes < 0) {
            throw new InvalidArgumentException(LIMIT + " must not be negative, was " + limitBytes);
        }
    }

    /** Unlimited, refuse, uncompressed. */
    public static MemorySettings defaults() {
        return new MemorySettings(0, OverflowPolicy.REFUSE, false);
    }

    /** @throws InvalidArgumentException for an unknown key or a value this engine cannot honour, naming the key */
    public static MemorySettings from(EngineConfig config) {
        MemoryStoreConfiguration typed = BackendSettings.read(config, MemoryStoreConfiguration.class);
        try {
            long limit = SettingValues.size(LIMIT, typed.memory_limit());
            String policyName = typed.memory_policy().toLowerCase(Locale.ROOT);
            OverflowPolicy policy = switch (policyName) {
                case "refuse" -> OverflowPolicy.REFUSE;
                case "evict-lru" -> OverflowPolicy.EVICT_LRU;
                default -> throw new InvalidArgumentException(POLICY + " must be refuse or evict-lru, was '"
                        + policyName + "'");
            };
            String compression = typed.compression().toLowerCase(Locale.ROOT);
            boolean deflate = switch (compression) {
                case "none" -> false;
                case "deflate" -> true;
                default -> throw new InvalidArgumentException("the memory backend's " + COMPRESSION
                        + " must be none or deflate, was '" + compression + "'");
            };
            return new MemorySettings(limit, policy, deflate);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': " + e.getMessage());
        }
    }

    public boolean limited() {
        return limitBytes > 0;
    }

    public boolean evicts() {
        return limited() && policy == OverflowPolicy.EVICT_LRU;
    }
}
