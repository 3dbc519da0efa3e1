package dev.strata.management.internal.jmx;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

/**
 * Stands between the JMX connector and the MBean server: checks every remote call against the caller's role
 * ({@link AccessPolicy}) and writes every call that changes something, and every refusal, to the audit trail before
 * answering. Reads are not audited (a console reads every second). Calls without a remote subject come from inside
 * the runtime and pass unchecked.
 */
final class AccessControl implements InvocationHandler {

    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|secret|credential).*");

    private final AuditTrail audit;
    private MBeanServer server;

    private AccessControl(AuditTrail audit) {
        this.audit = audit;
    }

    static MBeanServerForwarder forwarder(AuditTrail audit) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(AccessControl.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new AccessControl(audit));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("getMBeanServer") && method.getParameterCount() == 0) {
            return server;
        }
        if (name.equals("setMBeanServer") && method.getParameterCount() == 1) {
            server = (MBeanServer) args[0];
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            // the connector keys its notification forwarding by the server it was given, this proxy: identity
            // answers, not a remote call to check (refusing hashCode left JConsole's MBeans tab empty)
            return switch (name) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "access control over " + server;
            };
        }
        Optional<Subject> subject = RolePrincipal.currentSubject();
        if (subject.isEmpty()) {
            return forward(method, args);
        }
        ObjectName target = args != null && args.length > 0 && args[0] instanceof ObjectName o ? o : null;
        String operation = name.equals("invoke") ? (String) args[1] : null;
        String user = RolePrincipal.userOf(subject.get());
        Role role = RolePrincipal.roleOf(subject.get()).orElse(Role.MONITOR);
        Optional<Role> required = AccessPolicy.required(name, target, operation);
        String action = operation != null ? operation : name;
        if (required.isEmpty() || !role.includes(required.get())) {
            String needs = required.map(r -> "needs role " + r.label()).orElse("not allowed remotely");
            audit.append(user, ClientAddress.current(), action, String.valueOf(target), describe(name, args),
                    "denied: role " + role.label() + ", " + needs);
            throw new SecurityException("Access denied: user '" + user + "' (role " + role.label() + ") may not "
                    + action + (target == null ? "" : " on " + target) + "; " + needs);
        }
        if (!changes(name, target, operation)) {
            return forward(method, args);
        }
        try {
            Object result = forward(method, args);
            audit.append(user, ClientAddress.current(), action, String.valueOf(target), describe(name, args), "ok");
            return result;
        } catch (Exception e) {
            audit.append(user, ClientAddress.current(), action, String.valueOf(target), describe(name, args),
                    "failed: " + firstLine(e));
            throw e;
        }
    }

    /** Whether the call may change something (and so is audited). */
    private static boolean changes(String method, ObjectName target, String operation) {
        return method.startsWith("set") || method.equals("invoke")
                && AccessPolicy.forOperation(target, operation) != Role.MONITOR;
    }

    private Object forward(Method method, Object[] args) throws Exception {
        try {
            return method.invoke(server, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** The call's arguments for the audit trail, secrets masked. */
    static String describe(String method, Object[] args) {
        if (args == null) {
            return "";
        }
        if (method.equals("invoke") && args.length > 2 && args[2] instanceof Object[] params) {
            return Arrays.stream(params).map(AccessControl::masked).collect(Collectors.joining(", ", "(", ")"));
        }
        if (method.equals("setAttribute") && args.length > 1 && args[1] instanceof Attribute a) {
            return a.getName() + "=" + (SECRET.matcher(a.getName()).matches() ? "***" : masked(a.getValue()));
        }
        if (method.equals("setAttributes") && args.length > 1 && args[1] instanceof AttributeList list) {
            return list.asList().stream().map(Attribute::getName).collect(Collectors.joining(", "));
        }
        return "";
    }

    private static String masked(Object value) {
        if (value instanceof TabularData table) {
            // an MXBean's Map<String, String> arrives as a table of {key, value} rows
            Map<Object, Object> map = new java.util.TreeMap<>();
            for (Object row : table.values()) {
                if (row instanceof CompositeData data && data.containsKey("key") && data.containsKey("value")) {
                    map.put(data.get("key"), data.get("value"));
                }
            }
            return masked(map);
        }
        if (value instanceof CompositeData record) {
            // a request record (BackupRequest, ...): its fields, secrets masked like a map's
            Map<Object, Object> fields = new java.util.LinkedHashMap<>();
            for (String key : new java.util.TreeSet<>(record.getCompositeType().keySet())) {
                fields.put(key, record.get(key));
            }
            return masked(fields);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + "=" + (SECRET.matcher(String.valueOf(e.getKey())).matches() ? "***"
                            : clip(String.valueOf(e.getValue()))))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof char[]) {
            return "***";
        }
        return clip(String.valueOf(value));
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** The innermost cause's message (JMX wraps what a bean throws), first line only. */
    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
