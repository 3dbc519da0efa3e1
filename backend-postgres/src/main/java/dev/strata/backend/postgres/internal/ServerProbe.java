package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the store's server answers, for {@link dev.strata.api.spi.StorageEngine#unavailableReason()}: a
 * background thread runs {@code SELECT 1} on a pool connection every {@value #INTERVAL_MILLIS} ms, with a short
 * query timeout, and records the answer; a statement of a transaction that fails with a connection-class SQLSTATE
 * ({@code 08xxx}, {@code 57P01..03}) marks the server unreachable at once ({@link #lost}). The reason is read
 * without blocking, so core may ask as often as it likes. A pool that only ran out of free connections (its timeout
 * carries no SQLSTATE and no cause) says nothing about the server and changes nothing here: that is exhaustion,
 * which health reports, not unavailability. When the server is back, the next probe that succeeds clears the reason;
 * the pool makes new connections by itself (HikariCP drops dead ones when it validates them).
 */
final class ServerProbe implements AutoCloseable {

    static final long INTERVAL_MILLIS = 1_000;
    static final int QUERY_TIMEOUT_SECONDS = 2;

    private final ConnectionPool pool;
    private final String server;
    private final ScheduledExecutorService timer;
    private volatile String reason = "";

    ServerProbe(String store, ConnectionPool pool, String server) {
        this.pool = pool;
        this.server = server;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strata-postgres-probe-" + store);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::probe, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Empty while the server answered the last probe; else why not, one line. */
    String reason() {
        return reason;
    }

    /** A statement failed: when it lost the connection, the server counts as unreachable until a probe answers. */
    void observed(SQLException failure) {
        if (SqlErrors.isConnectionLoss(failure)) {
            lost(failure);
        }
    }

    void lost(SQLException failure) {
        reason = "the PostgreSQL server at " + server + " is not reachable (" + SqlErrors.summary(failure) + ")";
    }

    /** One probe (on the probe's thread; tests call it directly). */
    void probe() {
        try (Connection connection = pool.connection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            connection.rollback(); // the pool hands connections out without auto-commit
            reason = "";
        } catch (SQLException e) {
            if (SqlErrors.isConnectionLoss(e) || e.getCause() != null || e.getSQLState() != null) {
                lost(e);
            }
        } catch (RuntimeException e) {
            reason = "the PostgreSQL server at " + server + " could not be probed (" + e + ")";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
