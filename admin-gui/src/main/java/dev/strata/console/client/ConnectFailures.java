package dev.strata.console.client;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.rmi.ConnectIOException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a connection failed, in one line an operator can act on: nobody listening, a TLS runtime reached over plain
 * sockets (or the other way round), or a certificate the truststore does not hold.
 */
public final class ConnectFailures {

    private ConnectFailures() {
    }

    public static ConsoleException describe(Throwable failure, ConnectionSettings settings) {
        String where = settings.host() + ":" + settings.port();
        if (has(failure, CertificateException.class) || (has(failure, SSLHandshakeException.class)
                && String.valueOf(deepest(failure).getMessage()).contains("PKIX"))) {
            return new ConsoleException(ConsoleException.Kind.REFUSED, "The runtime at " + where + " speaks TLS but "
                    + "its certificate is not in the truststore" + (settings.truststore().isEmpty() ? " (choose the "
                    + "truststore that holds it)" : " " + settings.truststore()));
        }
        if (settings.tls() && has(failure, SSLException.class)) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "The runtime at " + where + " does not "
                    + "speak TLS: untick TLS to connect over plain sockets");
        }
        if (has(failure, UnknownHostException.class)) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Unknown host '" + settings.host() + "'");
        }
        if (has(failure, ConnectException.class)) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Cannot reach a Strata runtime at "
                    + where + " (is it running, and is this its JMX port?)");
        }
        if (!settings.tls() && (has(failure, ConnectIOException.class) || has(failure, EOFException.class)
                || has(failure, SocketException.class))) {
            // something listens but hung up on plain JRMP: a TLS listener drops a non-TLS hello
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "The runtime at " + where + " did not "
                    + "answer over plain sockets: its connector probably uses TLS; tick TLS and choose its truststore");
        }
        return new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Cannot reach a Strata runtime at " + where
                + " (is it running, and is this its JMX port?)");
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable deepest(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
