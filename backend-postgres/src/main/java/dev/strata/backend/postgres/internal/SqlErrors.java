package dev.strata.backend.postgres.internal;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.StoreUnavailableException;

/**
 * Turns the server's errors into the typed errors callers act on, by SQLSTATE (the PostgreSQL error codes, which
 * PostgreSQL-compatible engines share). Messages are one line: the store, what happened, and the server's own first
 * line with its code; the password never appears (the server does not echo it).
 */
final class SqlErrors {

    /** A NULL in a NOT NULL column: at commit, the commit number of a store that is no longer registered. */
    static final String NOT_NULL_VIOLATION = "23502";

    private SqlErrors() {
    }

    /** The SQLSTATE of the failure or of the first cause that has one (the pool wraps the driver's errors). */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /** Whether the failure means the server could not be reached or went away: worth another try. */
    static boolean isUnavailable(Throwable failure) {
        String state = sqlState(failure);
        return state.startsWith("08") // connection exception
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // shutdown, crash, starting
                || state.equals("53300") // too many connections
                || (state.isEmpty() && failure instanceof SQLTransientConnectionException);
    }

    /** Whether the connection to the server was lost or never made (SQLSTATE class 08, or the server shutting down). */
    static boolean isConnectionLoss(Throwable failure) {
        String state = sqlState(failure);
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /** The failure's first line and SQLSTATE, for a one-line reason. */
    static String summary(SQLException failure) {
        String state = sqlState(failure);
        return firstLine(failure) + (state.isEmpty() ? "" : " [" + state + "]");
    }

    static boolean isConflict(Throwable failure) {
        String state = sqlState(failure);
        return state.equals("40001") || state.equals("40P01");
    }

    /** A conflict whose keys are known ({@code keys} empty when not). */
    static ConflictException conflict(String store, String doing, String keys, SQLException failure) {
        String state = sqlState(failure);
        return new ConflictException("store '" + store + "': " + doing + ": a concurrent transaction wrote "
                + (keys.isEmpty() ? "the same keys" : keys) + " (" + firstLine(failure) + " [" + state + "])", failure);
    }

    /**
     * Whether TLS was refused for a reason a retry cannot fix: the certificate does not verify against the CA, the
     * host name does not match it, or the server has no TLS while the settings require it.
     */
    static boolean isTlsRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException
                    || message.contains("could not be verified by hostnameverifier")
                    || message.contains("The server does not support SSL")) {
                return true;
            }
        }
        return false;
    }

    static StorageException map(String store, String doing, SQLException failure) {
        String state = sqlState(failure);
        String detail = firstLine(failure) + (state.isEmpty() ? "" : " [" + state + "]");
        String prefix = "store '" + store + "': " + doing + ": ";
        if (state.equals("40001") || state.equals("40P01")) {
            return new ConflictException(prefix + "a concurrent transaction wrote the same keys (" + detail + ")", failure);
        }
        if (state.equals("23505")) {
            return new ConflictException(prefix + "a concurrent transaction inserted the same key (" + detail + ")", failure);
        }
        if (isTlsRefusal(failure)) {
            return new InvalidArgumentException(prefix + "TLS to the server failed; check postgres.sslmode and"
                    + " postgres.sslrootcert (" + detail + ")");
        }
        if (isUnavailable(failure)) {
            return new StoreUnavailableException(prefix + "the PostgreSQL server is not reachable (" + detail + ")", failure);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new InvalidArgumentException(prefix + "the server refused the login; check postgres.user and the"
                    + " password (" + detail + ")");
        }
        if (state.equals("57014") || state.equals("55P03")) {
            return new StorageTimeoutException(prefix + "the statement ran past postgres.statementTimeout or waited"
                    + " too long for a lock (" + detail + ")", failure);
        }
        if (state.equals("53100")) {
            return new QuotaExceededException(prefix + "the server is out of disk space (" + detail + ")", failure);
        }
        if (state.equals("25006")) {
            return new ReadOnlyException(prefix + "the server accepts only reads (a standby, or"
                    + " default_transaction_read_only) (" + detail + ")", failure);
        }
        if (state.equals("3D000")) {
            return new InvalidArgumentException(prefix + "the database named in postgres.url does not exist (" + detail + ")");
        }
        if (state.equals("42501")) {
            return new InvalidArgumentException(prefix + "the user lacks a privilege the backend needs (" + detail + ")");
        }
        return new StorageException(prefix + detail, failure);
    }

    private static String firstLine(Throwable failure) {
        Throwable shown = failure;
        // the pool's "request timed out" says less than the driver's reason underneath
        if (failure instanceof SQLTransientConnectionException && failure.getCause() instanceof SQLException cause) {
            shown = cause;
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
