package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.tck.MetatypeCheck;

/** The typed settings, without a server: reading them never connects. */
class PostgresSettingsTest {

    private static PostgresSettings read(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent(PostgresSettings.URL, "postgresql://127.0.0.1:5432/db");
        all.put("name", "p");
        all.put("backend", "postgres");
        return PostgresSettings.from(new EngineConfig("p", Path.of("unused"), Durability.FSYNC, all));
    }

    @Test
    void defaultsAndTypedValues() {
        PostgresSettings defaults = read(Map.of());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/db", defaults.url());
        assertEquals(PostgresSettings.DEFAULT_POOL_SIZE, defaults.poolSize());
        assertEquals(PostgresSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS, defaults.connectTimeoutMillis());
        assertEquals("kv_p", defaults.table());
        assertTrue(defaults.enableMigrations());
        PostgresSettings given = read(Map.of(PostgresSettings.CONNECT_TIMEOUT, "2s", PostgresSettings.STATEMENT_TIMEOUT,
                "500ms", PostgresSettings.RETRY_BACKOFF, "250", PostgresSettings.POOL_SIZE, "3",
                PostgresSettings.ENABLE_MIGRATIONS, "false", PostgresSettings.SSL_MODE, "require"));
        assertEquals(2_000, given.connectTimeoutMillis());
        assertEquals(500, given.statementTimeoutMillis());
        assertEquals(250, given.retryBackoffMillis(), "plain: milliseconds");
        assertEquals(3, given.poolSize());
        assertEquals("require", given.sslMode());
        assertEquals(false, given.enableMigrations());
    }

    @Test
    void unknownMalformedAndOutOfRangeValuesNameTheirKey() {
        assertRefused("'postgres.pool'", Map.of("postgres.pool", "3"));
        assertRefused("postgres.poolSize must be a whole number", Map.of(PostgresSettings.POOL_SIZE, "many"));
        assertRefused("postgres.poolSize must be at least 1", Map.of(PostgresSettings.POOL_SIZE, "0"));
        assertRefused("postgres.connectTimeout must be at least 250", Map.of(PostgresSettings.CONNECT_TIMEOUT, "10ms"));
        assertRefused("postgres.statementTimeout must be a duration", Map.of(PostgresSettings.STATEMENT_TIMEOUT, "x"));
        assertRefused("postgres.enableMigrations must be true or false", Map.of(PostgresSettings.ENABLE_MIGRATIONS, "no"));
        assertRefused("postgres.sslmode must be one of", Map.of(PostgresSettings.SSL_MODE, "strict"));
    }

    private static void assertRefused(String expected, Map<String, Object> settings) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> read(settings));
        assertTrue(e.getMessage().startsWith("store 'p': ") && e.getMessage().contains(expected),
                expected + " in: " + e.getMessage());
    }

    @Test
    void theMetatypeDescribesEveryKeyUnderTheBackendsPid() throws Exception {
        assertEquals(18, MetatypeCheck.assertPublished(PostgresStoreConfiguration.class, "postgres").size());
    }
}
