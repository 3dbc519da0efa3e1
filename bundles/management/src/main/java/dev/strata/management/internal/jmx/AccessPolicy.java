package dev.strata.management.internal.jmx;

import java.util.Optional;
import java.util.Set;

import javax.management.ObjectName;

import dev.strata.api.management.ObjectNames;

/**
 * Which role a remote call needs (Apache Karaf's JMX ACL is the model, kept to three roles). Reading anything is
 * {@link Role#MONITOR}; operations on stores and jobs are {@link Role#OPERATOR}; changing the runtime (stores,
 * bundles), setting attributes and every operation of a bean outside {@code dev.strata} that is not a read are
 * {@link Role#ADMIN}. Creating, registering and unregistering MBeans and reaching class loaders remotely is refused
 * to everyone: those are code execution, not management.
 */
final class AccessPolicy {

    /** MBeanServer methods that only read. */
    private static final Set<String> READS = Set.of("getAttribute", "getAttributes", "getMBeanInfo", "queryNames",
            "queryMBeans", "isRegistered", "getMBeanCount", "getDefaultDomain", "getDomains", "isInstanceOf",
            "getObjectInstance", "addNotificationListener", "removeNotificationListener");

    private static final Set<String> WRITES = Set.of("setAttribute", "setAttributes");

    /**
     * Operation name prefixes of read-only operations (JConsole's thread view invokes getThreadInfo, say; the
     * documents bean's explainQuery and searchText run queries).
     */
    /** Jobs operations that redefine a store (an in-place engine migration and its confirmation): admin's, as
     * defining a store is. */
    private static final Set<String> JOBS_ADMIN_OPERATIONS = Set.of("submitEngineMigration", "confirm");

    private static final String[] READ_OPERATIONS = {"get", "find", "list", "is", "can", "dump", "entries", "history",
        "job", "await", "explain", "search"};

    private AccessPolicy() {
    }

    /**
     * @param method    the MBeanServer method called
     * @param name      the MBean it is called on, or {@code null}
     * @param operation for {@code invoke}, the operation's name
     * @return the role needed, or empty when nobody may make the call remotely
     */
    static Optional<Role> required(String method, ObjectName name, String operation) {
        if (READS.contains(method)) {
            return Optional.of(Role.MONITOR);
        }
        if (WRITES.contains(method)) {
            return Optional.of(Role.ADMIN);
        }
        if (!method.equals("invoke")) {
            return Optional.empty();
        }
        return Optional.of(forOperation(name, operation));
    }

    static Role forOperation(ObjectName name, String operation) {
        if (name != null && ObjectNames.DOMAIN.equals(name.getDomain())) {
            String type = name.getKeyProperty("type");
            if ("Access".equals(type) || "Audit".equals(type)) {
                return Role.MONITOR;
            }
            if (isRead(operation)) {
                return Role.MONITOR;
            }
            if ("Jobs".equals(type) && JOBS_ADMIN_OPERATIONS.contains(operation)) {
                return Role.ADMIN;
            }
            if ("Store".equals(type) || "Jobs".equals(type)) {
                return Role.OPERATOR;
            }
            return Role.ADMIN;
        }
        return isRead(operation) ? Role.MONITOR : Role.ADMIN;
    }

    private static boolean isRead(String operation) {
        if (operation == null) {
            return false;
        }
        for (String prefix : READ_OPERATIONS) {
            if (operation.startsWith(prefix) && (operation.length() == prefix.length()
                    || Character.isUpperCase(operation.charAt(prefix.length())))) {
                return true;
            }
        }
        return false;
    }
}
