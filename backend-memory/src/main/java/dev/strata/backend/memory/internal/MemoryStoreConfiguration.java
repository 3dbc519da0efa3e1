package dev.strata.backend.memory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The backend-specific keys of a store on {@code backend=memory}, for metatype-aware tools (designated under
 * {@value #PID}) and for {@link MemorySettings}, which reads them through
 * {@link dev.strata.api.spi.support.BackendSettings}: the keys go into the store's own configuration (factory PID
 * {@code dev.strata.store}); attribute names map to keys as in DS ({@code memory_limit} is {@code memory.limit}).
 */
@ObjectClassDefinition(pid = MemoryStoreConfiguration.PID, name = "Strata store in memory",
        description = "The settings of a store kept in memory only (emptied when the runtime stops).")
public @interface MemoryStoreConfiguration {

    String PID = "dev.strata.backend.memory";

    @AttributeDefinition(name = "Memory limit", required = false, description = "Most bytes of committed data (keys,"
            + " newest values, per-entry overhead): a size such as 65536, 64k, 64m or 1g; empty or 0 for no limit.")
    String memory_limit() default "0";

    @AttributeDefinition(name = "When full", description = "What a commit that would exceed the limit does.",
            options = {@Option(value = "refuse", label = "refuse: the commit fails with a quota error"),
                    @Option(value = "evict-lru", label = "evict-lru: least recently used keys are deleted")})
    String memory_policy() default "refuse";

    @AttributeDefinition(name = "Compression", required = false,
            description = "Values above 64 bytes stored deflated, or not.", options = {
                    @Option(value = "none", label = "none"), @Option(value = "deflate", label = "deflate")})
    String compression() default "none";
}
