package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.strata.api.Durability;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store's connections: HikariCP over the driver's own {@link PGSimpleDataSource}, instantiated here, so neither
 * {@code DriverManager} nor a class name looked up at run time is involved (both fail across OSGi class loaders).
 * Session settings travel in the startup packet: the statement timeout, REPEATABLE READ as the default isolation,
 * and {@code synchronous_commit} for the store's durability ({@code fsync}: on, {@code os}: local, {@code none}:
 * off).
 */
final class ConnectionPool implements AutoCloseable {

    private final HikariDataSource pool;

    ConnectionPool(String store, PostgresSettings settings, Durability durability) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setUrl(settings.url());
        if (!settings.user().isEmpty()) {
            driver.setUser(settings.user());
        }
        if (settings.password() != null) {
            driver.setPassword(settings.password());
        }
        driver.setConnectTimeout(seconds(settings.connectTimeoutMillis()));
        driver.setLoginTimeout(seconds(settings.connectTimeoutMillis()));
        driver.setSocketTimeout(0);
        driver.setTcpKeepAlive(true);
        driver.setSslMode(settings.sslMode());
        if (settings.sslRootCert() != null) {
            driver.setSslRootCert(settings.sslRootCert());
        }
        driver.setApplicationName("strata:" + store);
        // every transaction starts at REPEATABLE READ without a round trip of its own (SERIALIZABLE ones say so)
        driver.setOptions("-c statement_timeout=" + settings.statementTimeoutMillis()
                + " -c synchronous_commit=" + synchronousCommit(durability)
                + " -c default_transaction_isolation=repeatable\\ read");

        HikariConfig config = new HikariConfig();
        config.setPoolName("strata-postgres-" + store);
        config.setDataSource(driver);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.connectTimeoutMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeoutMillis(), 5_000));
        config.setAutoCommit(false);
        // the pool starts without a connection; the engine's first statement tells what is wrong, as a typed error
        config.setInitializationFailTimeout(-1);
        config.setRegisterMbeans(false);
        this.pool = new HikariDataSource(config);
    }

    static String synchronousCommit(Durability durability) {
        return switch (durability) {
            case FSYNC -> "on";
            case OS -> "local";
            case NONE -> "off";
        };
    }

    private static int seconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Active, idle, total and waiting, for the engine's metrics. */
    Map<String, Number> figures() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return Map.of();
        }
        return Map.of("poolActive", bean.getActiveConnections(), "poolIdle", bean.getIdleConnections(),
                "poolTotal", bean.getTotalConnections(), "poolWaiting", bean.getThreadsAwaitingConnection(),
                "poolMax", pool.getMaximumPoolSize());
    }

    @Override
    public void close() {
        pool.close();
    }
}
