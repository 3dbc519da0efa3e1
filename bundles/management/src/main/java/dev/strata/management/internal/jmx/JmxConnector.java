package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.net.MalformedURLException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;

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

    private JmxConnector(Registry registry, JMXConnectorServer server, JMXServiceURL url) {
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    static JmxConnector start(String host, int port, MBeanServer beans, UserDirectory users, AuditTrail audit) {
        if (System.getProperty("java.rmi.server.hostname") == null) {
            // the stubs the registry hands out carry this address; the default may be a name that resolves elsewhere
            System.setProperty("java.rmi.server.hostname", host);
        }
        LoopbackSocketFactory sockets = new LoopbackSocketFactory(host);
        Registry registry;
        try {
            registry = LocateRegistry.createRegistry(port, null, sockets);
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
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(port, null, sockets, environment);
            JMXConnectorServer server = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + host + ":" + port),
                    environment, rmiServer, beans);
            server.setMBeanServerForwarder(AccessControl.forwarder(audit));
            server.start();
            registry.rebind("jmxrmi", rmiServer.toStub());
            return new JmxConnector(registry, server, url);
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
