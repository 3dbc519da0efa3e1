package dev.strata.cli;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.management.InstanceNotFoundException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.management.AccessMXBean;
import dev.strata.api.management.AuditMXBean;
import dev.strata.api.management.BackendMXBean;
import dev.strata.api.management.DataBrowserMXBean;
import dev.strata.api.management.JobsMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreMXBean;
import dev.strata.api.management.StrataRuntimeMXBean;

/**
 * One JMX connection to a runtime, with typed proxies of its beans, and every JMX failure turned into a
 * {@link CliFailure} with a clear line and an exit code.
 */
final class RuntimeConnection implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection beans;

    private RuntimeConnection(JMXConnector connector, MBeanServerConnection beans) {
        this.connector = connector;
        this.beans = beans;
    }

    static RuntimeConnection open(String host, int port, String user, char[] password) {
        return open(host, port, user, password, false);
    }

    /**
     * @param tls whether the runtime's connector speaks TLS; the trust (which certificates to accept) is then the
     *            JVM's default context, which {@link Tls#trust} sets from {@code --truststore}
     */
    static RuntimeConnection open(String host, int port, String user, char[] password, boolean tls) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "not a runtime address: " + host + ":" + port);
        }
        try {
            Map<String, Object> environment = new HashMap<>();
            environment.put(JMXConnector.CREDENTIALS, new String[] {user, new String(password)});
            if (tls) {
                // the registry is reached over TLS too; the connector's stub then carries the same factory
                environment.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
            }
            JMXConnector connector = JMXConnectorFactory.connect(url, environment);
            return new RuntimeConnection(connector, connector.getMBeanServerConnection());
        } catch (SecurityException e) {
            throw new CliFailure(ExitCode.REFUSED, "refused: " + e.getMessage());
        } catch (IOException e) {
            if (Tls.isHandshakeFailure(e)) {
                throw new CliFailure(ExitCode.FAILED, "cannot reach the Strata runtime at " + host + ":" + port
                        + " over " + (tls ? "TLS: " + Tls.reason(e) : "plain sockets: it speaks TLS (use --tls --truststore=FILE)"));
            }
            throw new CliFailure(ExitCode.FAILED, "cannot reach the Strata runtime at " + host + ":" + port
                    + " (is it running, and is this its JMX port" + (tls ? ", and does it speak TLS?)" : "?)"));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    StrataRuntimeMXBean runtime() {
        return JMX.newMXBeanProxy(beans, ObjectNames.runtime(), StrataRuntimeMXBean.class);
    }

    AccessMXBean access() {
        return JMX.newMXBeanProxy(beans, ObjectNames.access(), AccessMXBean.class);
    }

    JobsMXBean jobs() {
        return JMX.newMXBeanProxy(beans, ObjectNames.jobs(), JobsMXBean.class);
    }

    AuditMXBean audit() {
        return JMX.newMXBeanProxy(beans, ObjectNames.audit(), AuditMXBean.class);
    }

    DataBrowserMXBean data() {
        return JMX.newMXBeanProxy(beans, ObjectNames.dataBrowser(), DataBrowserMXBean.class);
    }

    /** Every backend bean, sorted by type. */
    List<BackendMXBean> backends() {
        Set<ObjectName> names = call(() -> {
            try {
                return beans.queryNames(name(ObjectNames.DOMAIN + ":type=Backend,*"), null);
            } catch (IOException e) {
                throw new UndeclaredThrowableException(e);
            }
        });
        return names.stream().sorted(Comparator.comparing(n -> n.getKeyProperty("name")))
                .map(n -> JMX.newMXBeanProxy(beans, n, BackendMXBean.class)).toList();
    }

    StoreMXBean store(String name) {
        ObjectName objectName = ObjectNames.store(name);
        boolean known = call(() -> {
            try {
                return beans.isRegistered(objectName);
            } catch (IOException e) {
                throw new UndeclaredThrowableException(e);
            }
        });
        if (!known) {
            throw new CliFailure(ExitCode.FAILED, "no store named '" + name + "'");
        }
        return JMX.newMXBeanProxy(beans, objectName, StoreMXBean.class);
    }

    static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new CliFailure(ExitCode.USAGE, "not an MBean name: " + text);
        }
    }

    /** Runs a remote call, turning what JMX throws into a one-line failure. */
    static <T> T call(Supplier<T> remote) {
        try {
            return remote.get();
        } catch (SecurityException e) {
            throw new CliFailure(ExitCode.REFUSED, "refused: " + e.getMessage());
        } catch (InvalidArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "error: " + e.getMessage());
        } catch (NotFoundException e) {
            throw new CliFailure(ExitCode.FAILED, "error: " + e.getMessage());
        } catch (UndeclaredThrowableException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InstanceNotFoundException) {
                throw new CliFailure(ExitCode.FAILED, "error: the runtime has no such bean (" + cause.getMessage() + ")");
            }
            if (cause instanceof IOException) {
                throw new CliFailure(ExitCode.FAILED, "error: the connection to the runtime was lost");
            }
            throw new CliFailure(ExitCode.FAILED, "error: " + firstLine(cause));
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCode.FAILED, "error: " + firstLine(e));
        }
    }

    static void run(Runnable remote) {
        call(() -> {
            remote.run();
            return null;
        });
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // nothing to release locally that the JVM's exit does not release
        }
    }
}
