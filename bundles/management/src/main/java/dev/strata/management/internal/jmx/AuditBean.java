package dev.strata.management.internal.jmx;

import dev.strata.api.management.AuditMXBean;

/** The audit trail, read over JMX. */
final class AuditBean implements AuditMXBean {

    private static final int MAX_PAGE = 1000;

    private final AuditTrail trail;

    AuditBean(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public long getEntryCount() {
        return trail.size();
    }

    @Override
    public String[] entries(long from, int max) {
        return trail.lines(from, Math.min(max, MAX_PAGE)).toArray(String[]::new);
    }

    @Override
    public String verify() {
        return trail.verify();
    }
}
