package dev.strata.api.management;

/**
 * The audit trail ({@code dev.strata:type=Audit}): every management operation and every failed login, each entry
 * chained to the one before by a hash so that a changed or removed entry is found. Read by role {@code monitor}.
 */
public interface AuditMXBean {

    /** How many entries the trail holds. */
    long getEntryCount();

    /** Up to {@code max} entries starting at entry {@code from} (0 is the oldest), one line each. */
    String[] entries(long from, int max);

    /** Checks the whole chain: {@code ok: N entries} or the first entry that was changed, removed or added. */
    String verify();
}
