package dev.strata.backend.xodus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys a store on {@code backend=xodus} reads, for metatype-aware tools (designated under {@value #PID}) and for
 * {@link XodusStoreSettings}, which reads them through {@link dev.strata.api.spi.support.BackendSettings}. They go
 * into the store's own configuration (factory PID {@code dev.strata.store}); attribute names map to keys as in DS
 * ({@code xodus_logFileSize} is {@code xodus.logFileSize}). Sizes and durations are text so that {@code 32m} and
 * {@code 1s} work; an empty value means the default.
 */
@ObjectClassDefinition(pid = XodusStoreConfiguration.PID, name = "Strata store on Xodus",
        description = "The settings of a store on JetBrains Xodus (embedded in the backend bundle).")
public @interface XodusStoreConfiguration {

    String PID = "dev.strata.backend.xodus";

    @AttributeDefinition(name = "Log file size", required = false, description = "Size of one Xodus log file, a"
            + " multiple of 64k and at least 1m (k/m/g suffixes); it bounds the size of one value.")
    String xodus_logFileSize() default "32m";

    @AttributeDefinition(name = "Own log cache", required = false, description = "This store's own log cache (at"
            + " least 1m); empty: cache.size, and without either the Xodus stores share 25% of the heap.")
    String xodus_cacheSize() default "";

    @AttributeDefinition(name = "Cache size", required = false,
            description = "Core's generic cache size, used as the own log cache when xodus.cacheSize is empty.")
    String cache_size() default "";

    @AttributeDefinition(name = "Background log cleaner", description = "Whether Xodus's log cleaner (GC) runs by"
            + " itself; compaction still runs when core asks for it.")
    boolean xodus_gc() default true;

    @AttributeDefinition(name = "Sync period", required = false, description = "How often a store that does not"
            + " force each commit forces its log: milliseconds, or with ms/s/m (500ms, 2s); empty: 1s, 10s at"
            + " durability none.")
    String xodus_syncPeriod() default "";

    @AttributeDefinition(name = "Encryption key alias", required = false,
            description = "Alias of the data key in the keystore; empty for a store that is not encrypted.")
    String encryption_keyAlias() default "";

    @AttributeDefinition(name = "Verify at open up to", required = false, description = "Stores whose log is at most"
            + " this large check every value's checksum when they open (k/m/g suffixes); 0: never.")
    String xodus_verifyOnOpen() default "64m";
}
