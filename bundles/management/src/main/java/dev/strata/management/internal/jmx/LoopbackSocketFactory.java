package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;

import javax.net.ssl.SSLServerSocketFactory;

/**
 * Server sockets on one local address only, plain or TLS. The RMI registry and the connector share one port only
 * when both are given equal factories, hence {@code equals}/{@code hashCode} (a record gives them; the TLS factory
 * is one instance shared by both). Only the server uses it: it is never sent to a client.
 *
 * @param host the local address to bind
 * @param tls  the TLS server socket factory, or {@code null} for plain sockets
 */
record LoopbackSocketFactory(String host, SSLServerSocketFactory tls) implements RMIServerSocketFactory {

    LoopbackSocketFactory(String host) {
        this(host, null);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : tls.createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
        return socket;
    }
}
