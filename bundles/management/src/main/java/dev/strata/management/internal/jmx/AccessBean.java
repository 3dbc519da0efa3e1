package dev.strata.management.internal.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.security.auth.Subject;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.management.AccessMXBean;

/**
 * Tells the connected user what their role allows, from the same policy the connector enforces. An in-process caller
 * (no remote subject) is the runtime itself and may do everything.
 */
final class AccessBean implements AccessMXBean {

    @Override
    public String getUser() {
        return RolePrincipal.currentSubject().map(RolePrincipal::userOf).orElse("(in-process)");
    }

    @Override
    public String getRole() {
        return role().label();
    }

    @Override
    public boolean canInvoke(String objectName, String operation) {
        ObjectName name;
        try {
            name = new ObjectName(objectName);
        } catch (MalformedObjectNameException e) {
            throw new InvalidArgumentException("not an MBean name: '" + objectName + "'");
        }
        return role().includes(AccessPolicy.forOperation(name, operation));
    }

    private static Role role() {
        return RolePrincipal.currentSubject().flatMap((Subject s) -> RolePrincipal.roleOf(s)).orElse(Role.ADMIN);
    }
}
