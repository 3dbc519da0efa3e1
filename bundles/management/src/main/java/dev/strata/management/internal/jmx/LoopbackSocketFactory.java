package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Server sockets on one local address only. The RMI registry and the connector share one port only when both are
 * given equal factories, hence {@code equals}/{@code hashCode} (a record gives them).
 */
record LoopbackSocketFactory(String host) implements RMIServerSocketFactory, Serializable {

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port), 50);
        return socket;
    }
}
