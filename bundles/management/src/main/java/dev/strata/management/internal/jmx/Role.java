package dev.strata.management.internal.jmx;

import java.util.Locale;

import dev.strata.api.InvalidArgumentException;

/** What a JMX user may do; each role may do everything the roles before it may. */
enum Role {
    /** Reads figures, lists, the audit trail. */
    MONITOR,
    /** Also runs and cancels jobs and maintenance (checkpoint, compact, verify). */
    OPERATOR,
    /** Also defines and removes stores and installs and removes bundles. */
    ADMIN;

    boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String text) {
        String label = text.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new InvalidArgumentException("unknown role '" + text.trim() + "' (monitor, operator or admin)");
    }
}
