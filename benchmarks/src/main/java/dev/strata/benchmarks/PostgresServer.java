package dev.strata.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server {@link PostgresBenchmark} runs against: {@code -Dstrata.postgres.url} or the environment
 * variable {@code STRATA_POSTGRES_URL} (what {@code .ci/postgres-server}'s {@code postgres_start} exports), a
 * throwaway server whose tables the benchmark may create and drop.
 */
final class PostgresServer {

    private PostgresServer() {
    }

    static String url() {
        String url = System.getProperty("strata.postgres.url", "");
        if (url.isBlank()) {
            url = System.getenv().getOrDefault("STRATA_POSTGRES_URL", "");
        }
        if (url.isBlank()) {
            throw new IllegalStateException("set STRATA_POSTGRES_URL (source .ci/postgres-server && postgres_start)"
                    + " or -Dstrata.postgres.url to a throwaway PostgreSQL server");
        }
        return url;
    }

    /** Runs statements on a connection of its own, outside any pool (setup and cleanup, never measured). */
    static void execute(String... statements) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url());
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL setup failed: " + e.getMessage(), e);
        }
    }

    /** Drops what the Strata backend created for one store (its tables, sequence and registration). */
    static void dropStrataStore(String store) {
        execute("DROP TABLE IF EXISTS strata.\"kv_" + store + "\"", "DROP TABLE IF EXISTS strata.\"kv_" + store
                + "_commits\"", "DROP SEQUENCE IF EXISTS strata.\"kv_" + store + "_seq\"",
                "DELETE FROM strata.strata_stores WHERE name = '" + store + "'");
    }
}
