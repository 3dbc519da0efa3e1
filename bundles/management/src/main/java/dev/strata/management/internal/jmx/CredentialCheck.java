package dev.strata.management.internal.jmx;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Checks a JMX client's user name and password against the users file. Anonymous clients and anything but a
 * {@code String[2]} are refused; every refusal goes to the audit trail. The message never says which of the two
 * was wrong.
 */
final class CredentialCheck implements JMXAuthenticator {

    static final String REFUSED = "Invalid user name or password";

    private final UserDirectory users;
    private final AuditTrail audit;

    CredentialCheck(UserDirectory users, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
            audit.append("-", ClientAddress.current(), "login", "jmx", "no credentials", "refused");
            throw new SecurityException("Credentials required: connect with a user name and password");
        }
        char[] password = pair[1].toCharArray();
        Optional<Role> role;
        try {
            role = users.authenticate(pair[0], password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (role.isEmpty()) {
            audit.append(pair[0], ClientAddress.current(), "login", "jmx", "", "refused: wrong user name or password");
            throw new SecurityException(REFUSED);
        }
        return new Subject(true, Set.of(new JMXPrincipal(pair[0]), new RolePrincipal(role.get())), Set.of(), Set.of());
    }
}
