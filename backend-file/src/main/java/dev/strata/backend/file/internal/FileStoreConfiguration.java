package dev.strata.backend.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The keys a store on {@code backend=file} reads, for metatype-aware tools (designated under {@value #PID}) and for
 * {@link EngineSettings}, which reads them through {@link dev.strata.api.spi.support.BackendSettings}. They go into
 * the store's own configuration (factory PID {@code dev.strata.store}); attribute names map to keys as in DS
 * ({@code memtable_size} is {@code memtable.size}). Sizes and durations are text so that {@code 32m} and
 * {@code 30s} work; an empty value means the default.
 */
@ObjectClassDefinition(pid = FileStoreConfiguration.PID, name = "Strata store on the file engine",
        description = "The settings of a store on Strata's log-structured engine (log, segments, block cache).")
public @interface FileStoreConfiguration {

    String PID = "dev.strata.backend.file";

    @AttributeDefinition(name = "Compression", required = false, description = "Codec of new data blocks.",
            options = {@Option(value = "lz4", label = "lz4"), @Option(value = "zstd", label = "zstd"),
                    @Option(value = "deflate", label = "deflate"), @Option(value = "none", label = "none")})
    String compression() default "lz4";

    @AttributeDefinition(name = "Encryption key alias", required = false,
            description = "Alias of the data key in the keystore; empty for a store that is not encrypted.")
    String encryption_keyAlias() default "";

    @AttributeDefinition(name = "Cipher", required = false, description = "AEAD cipher of a new encrypted store;"
            + " empty: what the store records, AES-256-GCM for a new one. A store keeps the cipher it was created"
            + " with.", options = {@Option(value = "AES-256-GCM", label = "AES-256-GCM"),
                    @Option(value = "ChaCha20-Poly1305", label = "ChaCha20-Poly1305")})
    String encryption_cipher() default "";

    @AttributeDefinition(name = "Block cache size", required = false, description = "Bytes of decoded blocks kept"
            + " in memory (k/m/g suffixes); empty: 256m or an eighth of the heap if less; 0 turns it off.")
    String cache_size() default "";

    @AttributeDefinition(name = "Memory table size", required = false,
            description = "Writes buffered in memory before a flush to a segment: 64k to 1g.")
    String memtable_size() default "32m";

    @AttributeDefinition(name = "Pending memory tables", description = "Full memory tables waiting for their flush"
            + " before writers wait: 1 to 64.")
    int memtable_maxPending() default 4;

    @AttributeDefinition(name = "Checkpoint interval", required = false, description = "The engine's own checkpoint"
            + " timer: seconds, or with ms/s/m/h (500ms, 30s, 5m); 0 turns it off.")
    String checkpoint_interval() default "300";

    @AttributeDefinition(name = "Log size for a flush", required = false,
            description = "Log bytes that make the engine flush its memory table (k/m/g suffixes): at least 64k.")
    String wal_maxBytes() default "128m";

    @AttributeDefinition(name = "Block size", required = false,
            description = "Target data block size before compression: 512 to 4m.")
    String block_size() default "8k";

    @AttributeDefinition(name = "Bloom bits per key", description = "Bloom filter bits per key: 1 to 30.")
    int bloom_bitsPerKey() default 10;

    @AttributeDefinition(name = "Segments before a merge", description = "Segments allowed before the newest are"
            + " merged: 2 to 64.")
    int compaction_maxSegments() default 8;
}
