package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.net.MalformedURLException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;

import dev.strata.api.StorageException;

/**
 * The JMX connector: an RMI registry and the RMI connector server on one port of one local address, refusing
 * anonymous clients ({@link CredentialCheck}), checking every call ({@link AccessControl}), and accepting only
 * strings as credentials so that no object is deserialised before a client has logged in.
 */
final class JmxConnector implements AutoCloseable {

    private final Registry registry;
    private final JMXConnectorServer server;
    private final JMXServiceURL url;
    private final boolean tls;

    private JmxConnector(Registry registry, JMXConnectorServer server, JMXServiceURL url, boolean tls) {
        this.tls = tls;
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    /**
     * Starts the connector with this bundle's class loader as the thread's context class loader: RMI keeps the
     * context class loader of the moment an object is exported and unmarshals each call's arguments with it. On
     * Equinox the default one (its context finder) could not load even {@code java.lang.String} on an RMI thread:
     * JmxIT's logins failed there (not at every run) with "ClassNotFoundException: java.lang.String".
     */
    static JmxConnector start(String host, int port, MBeanServer beans, UserDirectory users, AuditTrail audit) {
        return start(host, port, beans, users, audit, null);
    }

    /**
     * @param tls the TLS context when the connector speaks TLS (registry and connector both), {@code null} for plain
     *            sockets; clients then need {@link SslRMIClientSocketFactory}, which the stubs they get carry
     */
    static JmxConnector start(String host, int port, MBeanServer beans, UserDirectory users, AuditTrail audit,
            SSLContext tls) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JmxConnector.class.getClassLoader());
        try {
            return export(host, port, beans, users, audit, tls);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static JmxConnector export(String host, int port, MBeanServer beans, UserDirectory users,
            AuditTrail audit, SSLContext tls) {
        if (System.getProperty("java.rmi.server.hostname") == null) {
            // the stubs the registry hands out carry this address; the default may be a name that resolves elsewhere
            System.setProperty("java.rmi.server.hostname", host);
        }
        LoopbackSocketFactory sockets = new LoopbackSocketFactory(host,
                tls == null ? null : tls.getServerSocketFactory());
        RMIClientSocketFactory clientSockets = tls == null ? null : new SslRMIClientSocketFactory();
        Registry registry;
        try {
            registry = LocateRegistry.createRegistry(port, clientSockets, sockets);
        } catch (IOException e) {
            throw new StorageException("cannot open the JMX port " + host + ":" + port + ": " + e.getMessage(), e);
        }
        try {
            JMXServiceURL url = serviceUrl(host, port);
            Map<String, Object> environment = new HashMap<>();
            environment.put(JMXConnectorServer.AUTHENTICATOR, new CredentialCheck(users, audit));
            environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            environment.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(),
                    String.class.getName()});
            // bound in the registry by hand, as the JDK's own agent does: the connector's JNDI binding would look the
            // RMI naming provider up through the thread's context class loader, which inside OSGi cannot see it
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(port, clientSockets, sockets, environment);
            JMXConnectorServer server = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + host + ":" + port),
                    environment, rmiServer, beans);
            server.setMBeanServerForwarder(AccessControl.forwarder(audit));
            server.start();
            registry.rebind("jmxrmi", rmiServer.toStub());
            return new JmxConnector(registry, server, url, tls != null);
        } catch (IOException | RuntimeException e) {
            unexport(registry);
            throw new StorageException("cannot start the JMX connector on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    static JMXServiceURL serviceUrl(String host, int port) {
        try {
            return new JMXServiceURL("service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port
                    + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw new StorageException("not a JMX address: " + host + ":" + port, e);
        }
    }

    JMXServiceURL url() {
        return url;
    }

    boolean tls() {
        return tls;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            // the port is released by unexporting the registry below either way
        } finally {
            unexport(registry);
        }
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // already gone
        }
    }
}
