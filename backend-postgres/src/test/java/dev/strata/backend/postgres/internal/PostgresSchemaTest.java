package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend's versioned layout: created at first open, upgraded in place, refused when newer or when off. */
class PostgresSchemaTest extends ServerTest {

    @TempDir
    Path directory;

    private EngineConfig config(String schema, Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(extra);
        properties.put(PostgresSettings.URL, TestServer.url());
        properties.put(PostgresSettings.SCHEMA, schema);
        return new EngineConfig("orders", directory, Durability.OS, properties);
    }

    private static int version(String schema) throws SQLException {
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM \"" + schema + "\".strata_schema_version")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void sql(String sql) throws SQLException {
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void aFreshSchemaIsCreatedAtTheCurrentVersionWithTheStoresTables() throws SQLException {
        String schema = TestServer.newSchema("fresh");
        try (StorageEngine engine = new PostgresBackend().open(config(schema, Map.of()))) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                tx.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
                tx.commit();
            }
        }
        assertEquals(new SchemaMigrations(SchemaMigrations.STEPS).current(), version(schema));
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM \"" + schema + "\".\"kv_orders\"")) {
            row.next();
            assertEquals(1, row.getInt(1), "one table per store, named after it");
        }
    }

    @Test
    void anOlderLayoutIsUpgradedInPlaceKeepingTheData() throws SQLException {
        String schema = TestServer.newSchema("upgrade");
        try (StorageEngine engine = new PostgresBackend().open(config(schema, Map.of()))) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                tx.put("kept".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8));
                tx.commit();
            }
        }
        List<SchemaMigrations.Step> newer = new ArrayList<>(SchemaMigrations.STEPS);
        newer.add(new SchemaMigrations.Step(2, "a note column", List.of(
                "ALTER TABLE %s." + StoreTables.STORES_TABLE + " ADD COLUMN note text")));
        try (StorageEngine engine = new PostgresBackend(new SchemaMigrations(newer)).open(config(schema, Map.of()))) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                assertEquals("1", new String(tx.get("kept".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            }
        }
        assertEquals(2, version(schema));
        sql("SELECT note FROM \"" + schema + "\".strata_stores"); // the step ran
    }

    @Test
    void aNewerLayoutIsRefusedWithAClearMessageAndLeftAlone() throws SQLException {
        String schema = TestServer.newSchema("newer");
        new PostgresBackend().open(config(schema, Map.of())).close();
        sql("UPDATE \"" + schema + "\".strata_schema_version SET version = 99");
        StorageException refused = assertThrows(StorageException.class,
                () -> new PostgresBackend().open(config(schema, Map.of())));
        assertTrue(refused.getMessage().contains("layout version 99, newer than this backend's 1"), refused.getMessage());
        assertEquals(99, version(schema), "the newer schema is not touched");
    }

    @Test
    void withMigrationsOffAMissingOrOlderLayoutIsRefusedAndNothingIsCreated() throws SQLException {
        String schema = TestServer.newSchema("off");
        InvalidArgumentException refused = assertThrows(InvalidArgumentException.class, () -> new PostgresBackend()
                .open(config(schema, Map.of(PostgresSettings.ENABLE_MIGRATIONS, "false"))));
        assertTrue(refused.getMessage().contains("postgres.enableMigrations=true"), refused.getMessage());
        try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            row.next();
            assertEquals(0, row.getInt(1), "no schema was created");
        }
        new PostgresBackend().open(config(schema, Map.of())).close();
        // at the current version with the store's tables in place, migrations off is fine
        new PostgresBackend().open(config(schema, Map.of(PostgresSettings.ENABLE_MIGRATIONS, "false"))).close();
    }
}
