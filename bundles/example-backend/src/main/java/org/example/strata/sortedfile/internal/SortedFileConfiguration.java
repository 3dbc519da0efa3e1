package org.example.strata.sortedfile.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys a store on {@code backend=example} reads: the backend's typed configuration and, through bnd, its
 * metatype. The PID is {@code dev.strata.backend.} followed by the backend type (what
 * {@link dev.strata.api.spi.support.BackendSettings#metatypePid(String)} gives), so a console that knows the type
 * finds the form. The values live in each store's own configuration (factory PID {@code dev.strata.store}); attribute
 * names map to keys as in DS ({@code example_maxValueSize} is {@code example.maxValueSize}). Name a backend's own
 * keys after its type, so they never collide with core's or another backend's.
 */
@ObjectClassDefinition(pid = SortedFileConfiguration.PID, name = "Strata store on the example backend",
        description = "The settings of a store kept as one sorted file, rewritten at each commit.")
public @interface SortedFileConfiguration {

    String PID = "dev.strata.backend." + SortedFileBackend.TYPE;

    @AttributeDefinition(name = "Largest value", required = false, description = "The largest value a put accepts"
            + " (k/m/g suffixes), at most 64m: every commit rewrites the whole file, so small stores want small values.")
    String example_maxValueSize() default "64m";
}
