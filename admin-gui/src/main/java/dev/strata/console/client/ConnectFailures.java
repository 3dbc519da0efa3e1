package dev.strata.console.client;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.rmi.ConnectIOException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.strata.console.shell.Messages;

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
            return new ConsoleException(ConsoleException.Kind.REFUSED, settings.truststore().isEmpty()
                    ? Messages.get("connect.untrusted", where)
                    : Messages.get("connect.untrustedBy", where, settings.truststore()));
        }
        if (settings.tls() && has(failure, SSLException.class)) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, Messages.get("connect.notTls", where));
        }
        if (has(failure, UnknownHostException.class)) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, Messages.get("connect.unknownHost",
                    settings.host()));
        }
        if (has(failure, ConnectException.class)) {
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, Messages.get("connect.unreachable", where));
        }
        if (!settings.tls() && (has(failure, ConnectIOException.class) || has(failure, EOFException.class)
                || has(failure, SocketException.class))) {
            // something listens but hung up on plain JRMP: a TLS listener drops a non-TLS hello
            return new ConsoleException(ConsoleException.Kind.UNREACHABLE, Messages.get("connect.needsTls", where));
        }
        return new ConsoleException(ConsoleException.Kind.UNREACHABLE, Messages.get("connect.unreachable", where));
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
