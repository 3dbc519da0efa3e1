package dev.strata.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * A store, as an operator defines it: one factory configuration of PID {@value #PID} per store. Keys not listed here
 * are passed to the backend unchanged (for example {@code memory.limit} or {@code compression}).
 */
@ObjectClassDefinition(pid = StoreConfiguration.PID, name = "Strata store",
        description = "A named store on one of the installed backends.")
public @interface StoreConfiguration {

    String PID = "dev.strata.store";

    @AttributeDefinition(name = "Name", description = "Unique store name: letters, digits, '.', '_' or '-'.")
    String name();

    @AttributeDefinition(name = "Backend", description = "Backend type: memory, file, xodus, or a plugin's type.")
    String backend() default "memory";

    @AttributeDefinition(name = "Durability", description = "When a commit counts as done.", options = {
            @Option(value = "none", label = "none: buffered"),
            @Option(value = "os", label = "os: written to the operating system"),
            @Option(value = "fsync", label = "fsync: forced to disk")})
    String durability() default "os";

    @AttributeDefinition(name = "Checkpoint interval", required = false,
            description = "How often core checkpoints the engine: seconds, or with ms/s/m/h (500ms, 30s, 5m); "
                    + "empty for 5 minutes, 0 for never.")
    String checkpoint_interval() default "";

    @AttributeDefinition(name = "Log size for a checkpoint", required = false,
            description = "Core checkpoints the engine as soon as its log holds more than this (k/m/g suffixes); "
                    + "empty for 128m, 0 for never.")
    String wal_max_size() default "";

    @AttributeDefinition(name = "Cache size", required = false,
            description = "Bytes of cache the backend may use (k/m/g suffixes), where it has one.")
    String cache_size() default "";

    @AttributeDefinition(name = "Read cache size", required = false,
            description = "Bytes of core's read cache in front of the engine (k/m/g suffixes), coherent with "
                    + "transactions; empty or 0 for none. Most useful before a remote engine.")
    String read_cache_size() default "";

    @AttributeDefinition(name = "Default time to live", required = false,
            description = "Time to live of a put that names none: 500ms, 30s, 5m, 1h, 7d; empty for none.")
    String ttl_default() default "";

    @AttributeDefinition(name = "Change feed size", required = false,
            description = "How many recent commits the store's change feed keeps for Store.changesAfter; empty or 0 "
                    + "for no feed.")
    String change_feed_retain() default "";

    @AttributeDefinition(name = "Change feed age", required = false,
            description = "The change feed also drops commits older than this: 30m, 1h, 7d; empty for no age limit.")
    String change_feed_age() default "";

    @AttributeDefinition(name = "Compression", required = false,
            description = "Value or block compression, where the backend supports it: none, lz4, zstd, deflate.")
    String compression() default "";

    @AttributeDefinition(name = "Data directory", required = false,
            description = "Where the store keeps its files: relative to the data root, or absolute; empty for the "
                    + "store's name.")
    String data_dir() default "";

    @AttributeDefinition(name = "Read-only", required = false,
            description = "Refuse every write (a migration freezes a store this way for its final catch-up).")
    boolean read_only() default false;

    @AttributeDefinition(name = "Encryption key alias", required = false,
            description = "Alias of the data key in the keystore; empty for no encryption.")
    String encryption_keyAlias() default "";
}
