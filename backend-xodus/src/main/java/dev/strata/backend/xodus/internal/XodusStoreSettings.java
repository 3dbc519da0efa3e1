package dev.strata.backend.xodus.internal;

import java.util.concurrent.TimeUnit;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.support.BackendSettings;
import dev.strata.api.spi.support.SettingValues;

import jetbrains.exodus.env.EnvironmentConfig;

/**
 * The store settings this backend reads (the keys of {@link XodusStoreConfiguration}), with their defaults (documented in the module README), and how they map
 * onto Xodus's {@link EnvironmentConfig}.
 *
 * @param logFileBytes     size of one Xodus log file; a value must fit in one file, so this bounds value size
 * @param cacheBytes       this store's own log cache, or 0 to share Xodus's one cache with the other Xodus stores
 * @param backgroundGc     whether Xodus's log cleaner runs by itself
 * @param syncPeriodMillis how often a store without durable writes forces its log to disk
 * @param keyAlias         the encryption key alias, or {@code null} for a store that is not encrypted
 * @param verifyOnOpenBytes stores whose log is at most this large are verified (every value) when they open
 */
record XodusStoreSettings(long logFileBytes, long cacheBytes, boolean backgroundGc, long syncPeriodMillis,
        String keyAlias, long verifyOnOpenBytes) {

    static final String LOG_FILE_SIZE = "xodus.logFileSize";
    static final String CACHE_SIZE = "xodus.cacheSize";
    static final String GC = "xodus.gc";
    static final String SYNC_PERIOD = "xodus.syncPeriod";
    static final String KEY_ALIAS = "encryption.keyAlias";
    static final String VERIFY_ON_OPEN = "xodus.verifyOnOpen";
    static final long DEFAULT_VERIFY_ON_OPEN_BYTES = 64L << 20;

    /** Twice Xodus's default, so that 16 MB values fit in one log file with room to spare. */
    static final long DEFAULT_LOG_FILE_BYTES = 32L << 20;
    /** The generic store setting for a cache size, used when {@link #CACHE_SIZE} is not given. */
    static final String GENERIC_CACHE_SIZE = "cache.size";
    /**
     * Without a size, stores share one Xodus log cache of this share of the heap: raw Xodus's default design (one
     * budget for every environment), at half its default share since the runtime has other engines too.
     */
    static final int SHARED_CACHE_HEAP_PERCENT = 25;
    /** Xodus's log pages are 64 KB; a log file holds whole pages. */
    private static final long PAGE_BYTES = 64L << 10;
    private static final long MIN_CACHE_BYTES = 1L << 20;

    /** @throws InvalidArgumentException for an unknown key or a value out of its range, naming the key */
    static XodusStoreSettings from(EngineConfig config) {
        XodusStoreConfiguration typed = BackendSettings.read(config, XodusStoreConfiguration.class);
        try {
            long logFileBytes = SettingValues.size(LOG_FILE_SIZE, typed.xodus_logFileSize());
            if (logFileBytes < 16 * PAGE_BYTES || logFileBytes % PAGE_BYTES != 0) {
                throw new InvalidArgumentException(LOG_FILE_SIZE + " must be a multiple of 64k and at least 1m, was "
                        + logFileBytes);
            }
            String cache = typed.xodus_cacheSize().isEmpty() ? typed.cache_size() : typed.xodus_cacheSize();
            String cacheKey = typed.xodus_cacheSize().isEmpty() ? GENERIC_CACHE_SIZE : CACHE_SIZE;
            long cacheBytes = cache.isEmpty() ? 0 : SettingValues.size(cacheKey, cache);
            if (cacheBytes != 0 && cacheBytes < MIN_CACHE_BYTES) {
                throw new InvalidArgumentException(cacheKey + " must be at least 1m, was " + cacheBytes);
            }
            long syncPeriod = typed.xodus_syncPeriod().isEmpty()
                    ? (config.durability() == Durability.NONE ? 10_000 : 1_000)
                    : SettingValues.durationMillis(SYNC_PERIOD, typed.xodus_syncPeriod(), TimeUnit.MILLISECONDS);
            if (syncPeriod <= 0) {
                throw new InvalidArgumentException(SYNC_PERIOD + " must be a positive duration, was " + syncPeriod);
            }
            String alias = typed.encryption_keyAlias();
            long verifyOnOpen = SettingValues.size(VERIFY_ON_OPEN, typed.xodus_verifyOnOpen());
            return new XodusStoreSettings(logFileBytes, cacheBytes, typed.xodus_gc(), syncPeriod,
                    alias.isEmpty() ? null : alias, verifyOnOpen);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': " + e.getMessage());
        }
    }

    /**
     * The largest value a put accepts: one value is one loggable, which may not span log files. The margin covers
     * the key, the record header and the page checksums Xodus adds.
     */
    long maxValueBytes() {
        return logFileBytes - logFileBytes / 64 - 4096;
    }

    EnvironmentConfig environmentConfig() {
        EnvironmentConfig config = new EnvironmentConfig();
        if (cacheBytes == 0) {
            config.setLogCacheShared(true).setMemoryUsagePercentage(SHARED_CACHE_HEAP_PERCENT);
        } else {
            config.setLogCacheShared(false).setMemoryUsage(cacheBytes);
        }
        return config
                // JMX beans registered by Xodus would pin this bundle's class loader after it stops
                .setManagementEnabled(false)
                // open transactions are aborted by the engine first; a straggler must not block close
                .setEnvCloseForcedly(true)
                .setLogFileSize(logFileBytes / 1024)
                .setGcEnabled(backgroundGc)
                // Xodus writes the log on commit but never forces it there: at FSYNC the engine forces it itself,
                // outside Xodus's commit lock, so concurrent committers share one force (GroupForce)
                .setLogDurableWrite(false)
                .setLogSyncPeriod(syncPeriodMillis)
                // No transaction may turn exclusive: the engine serialises commits itself (WriteConflicts) and
                // replays a refused one under that lock, while other writers hold Xodus permits and wait for the
                // lock. An exclusive transaction waits for every permit, so Xodus's own upgrade of a replayed
                // transaction (after 2 replays or 2 s, its defaults) or an exclusive log-cleaner transaction would
                // deadlock the store; the engine bounds its replays itself (WriteConflicts.MAX_REBASES).
                .setEnvTxnReplayMaxCount(Integer.MAX_VALUE)
                .setEnvTxnReplayTimeout(Long.MAX_VALUE)
                .setGcUseExclusiveTransaction(false)
                .setEnvGatherStatistics(true);
    }
}
