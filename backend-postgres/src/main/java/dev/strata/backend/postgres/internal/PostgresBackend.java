package dev.strata.backend.postgres.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.StrataBackend;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The PostgreSQL backend ({@code strata.backend=postgres}): each store is a table in a schema of a PostgreSQL
 * server, reached through its own connection pool. The bundle opens nothing by itself: a store exists only once a
 * store configuration names this backend, so a runtime without a server starts as before.
 */
@Component(service = StorageBackend.class, immediate = true)
@StrataBackend(PostgresBackend.TYPE)
public final class PostgresBackend implements StorageBackend {

    /** The value of {@code strata.backend} for this backend. */
    public static final String TYPE = "postgres";

    /**
     * Every isolation level (see {@link PostgresEngine#begin(dev.strata.api.TransactionMode, IsolationLevel)}), every
     * durability level (mapped onto {@code synchronous_commit}); data lives on the server, whose memory the engine
     * does not count.
     */
    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(
            EnumSet.allOf(IsolationLevel.class), EnumSet.allOf(Durability.class), true, false, false, false, false,
            Set.of(BackendCapabilities.MEMORY_BYTES));

    private final Set<PostgresEngine> openEngines = ConcurrentHashMap.newKeySet();
    private final SchemaMigrations migrations;

    /** For DS, and for tests and tools outside OSGi. */
    public PostgresBackend() {
        this(new SchemaMigrations(SchemaMigrations.STEPS));
    }

    /** With another layout history (tests of the migration path). */
    PostgresBackend(SchemaMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        PostgresSettings settings = PostgresSettings.from(config);
        PostgresEngine engine = PostgresEngine.open(config, settings, migrations, openEngines::remove);
        openEngines.add(engine);
        return engine;
    }

    /** Closes every store still open, so that no pool thread or connection outlives the bundle. */
    @Deactivate
    void deactivate() {
        for (PostgresEngine engine : List.copyOf(openEngines)) {
            engine.close();
        }
    }
}
