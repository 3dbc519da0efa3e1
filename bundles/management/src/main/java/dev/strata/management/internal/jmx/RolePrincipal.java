package dev.strata.management.internal.jmx;

import java.io.Serializable;
import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/** The role of an authenticated JMX user, carried in the connection's {@link Subject}. */
record RolePrincipal(Role role) implements Principal, Serializable {

    @Override
    public String getName() {
        return role.label();
    }

    /** The subject of the remote call running on this thread, or empty for an in-process call. */
    @SuppressWarnings("removal") // the JMX connector still hands the caller's Subject over this way on Java 17
    static Optional<Subject> currentSubject() {
        return Optional.ofNullable(Subject.getSubject(AccessController.getContext()));
    }

    static Optional<Role> roleOf(Subject subject) {
        return subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::role).findFirst();
    }

    static String userOf(Subject subject) {
        return subject.getPrincipals(JMXPrincipal.class).stream().map(JMXPrincipal::getName).findFirst().orElse("?");
    }
}
