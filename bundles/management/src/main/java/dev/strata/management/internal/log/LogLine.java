package dev.strata.management.internal.log;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/**
 * The parts of a log entry the log file shows, detached from the framework so that formatting and rotation are
 * tested without one.
 *
 * @param sequence the entry's sequence number in this framework run (orders entries and spots duplicates)
 * @param time     milliseconds since the epoch
 * @param level    severity
 * @param bundle   symbolic name of the bundle that logged it, or {@code -} when unknown
 * @param message  the message (may span lines)
 * @param error    the exception logged with it, or {@code null}
 */
record LogLine(long sequence, long time, LogLevel level, String bundle, String message, Throwable error) {

    static LogLine of(LogEntry entry) {
        String bundle = entry.getBundle() == null || entry.getBundle().getSymbolicName() == null ? "-"
                : entry.getBundle().getSymbolicName();
        return new LogLine(entry.getSequence(), entry.getTime(), entry.getLogLevel(), bundle,
                withService(entry.getMessage(), entry.getServiceReference()), entry.getException());
    }

    /**
     * Names the service an entry is about: the framework's own entries say only "ServiceEvent REGISTERED", which
     * tells a reader nothing without the service's types.
     */
    private static String withService(String message, ServiceReference<?> service) {
        if (service == null || !(service.getProperty(Constants.OBJECTCLASS) instanceof String[] types)) {
            return message;
        }
        return (message == null ? "" : message) + " {" + String.join(", ", types) + "}";
    }

    /** Whether this entry is at least as severe as the level (AUDIT and ERROR are "above" WARN). */
    boolean atLeast(LogLevel minimum) {
        return minimum.implies(level);
    }
}
