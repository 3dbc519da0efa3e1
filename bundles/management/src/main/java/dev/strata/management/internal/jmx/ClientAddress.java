package dev.strata.management.internal.jmx;

import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;

/** Where the remote call on this thread comes from, for the audit trail. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String current() {
        try {
            return RemoteServer.getClientHost();
        } catch (ServerNotActiveException e) {
            return "local";
        }
    }
}
