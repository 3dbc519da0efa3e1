package dev.strata.api.management;

import java.util.Optional;

import dev.strata.api.Entry;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step applied to every entry a migration copies, supplied by any bundle as an OSGi service with the property
 * {@value #NAME_PROPERTY} naming it; a {@link MigrateRequest} names the transform it wants. Called from one job
 * thread at a time per job; it must not keep the entries it is given.
 */
@ConsumerType
public interface MigrationTransform {

    /** Service property naming the transform. */
    String NAME_PROPERTY = "strata.transform";

    /**
     * @return the entry to write in the target (possibly under another key), or empty to leave this key out
     * @throws dev.strata.api.StorageException to fail the migration with that message
     */
    Optional<Entry> apply(Entry entry);
}
