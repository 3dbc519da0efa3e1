package dev.strata.management.internal.jmx;

import java.util.List;

import dev.strata.management.internal.shell.GogoCommand;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code strata:audit} (the newest entries) and {@code strata:audit-verify} (the whole chain) at the shell. */
@Component(service = AuditCommands.class)
@GogoCommand(scope = "strata", function = {"audit", "auditverify"})
public final class AuditCommands {

    private static final int DEFAULT_ENTRIES = 20;

    private final AuditTrail trail;

    @Activate
    public AuditCommands(@Reference JmxComponent jmx) {
        this.trail = jmx.audit();
    }

    /** {@code strata:audit}: the newest 20 entries. */
    public String audit() {
        return audit(Integer.toString(DEFAULT_ENTRIES));
    }

    /** {@code strata:audit <n>}: the newest n entries, oldest first. */
    public String audit(String count) {
        int n;
        try {
            n = Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            return "error: the entry count must be a number, was '" + count + "'";
        }
        if (n < 1) {
            return "error: the entry count must be at least 1";
        }
        long size = trail.size();
        List<String> lines = trail.lines(Math.max(0, size - n), n);
        return lines.isEmpty() ? "The audit trail is empty." : String.join("\n", lines);
    }

    /** {@code strata:auditverify}: checks the hash chain. */
    public String auditverify() {
        return trail.verify();
    }
}
