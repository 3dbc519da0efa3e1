package dev.strata.backend.postgres.internal;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

/**
 * The backend the conformance kit's SIGKILL crash contract starts in its child JVMs. The contract runs once per
 * declared durability level, each time on a fresh store directory but with the same settings, so the same schema;
 * a directory-based engine starts empty each time, and this one must too. It puts each store directory's store in
 * a schema of its own ({@code crash_<hash of the directory>}), the same in the child and in the recovering parent.
 */
public final class PostgresCrashBackend implements StorageBackend {

    private final PostgresBackend backend = new PostgresBackend();

    @Override
    public BackendCapabilities capabilities() {
        return backend.capabilities();
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        String schema = "crash_" + Long.toHexString(SchemaMigrations.lockKey(config.directory().toAbsolutePath().toString()));
        return backend.open(config.with(PostgresSettings.SCHEMA, schema));
    }
}
