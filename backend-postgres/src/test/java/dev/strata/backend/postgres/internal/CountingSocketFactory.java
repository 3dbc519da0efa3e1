package dev.strata.backend.postgres.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * The driver's sockets, counting round trips: the driver takes it from the URL ({@code socketFactory=<this class>}).
 * A round trip is a read that follows a write on the same socket: the client sent something and now waits for the
 * answer. However many statements one message carries, it is one. Counted for the thread that reads, so the engine's
 * background probe and the pool's housekeeping threads stay out of a test thread's figure.
 */
public final class CountingSocketFactory extends SocketFactory {

    private static final ThreadLocal<long[]> ROUND_TRIPS = ThreadLocal.withInitial(() -> new long[1]);

    /** The calling thread's round trips so far, on every socket made here. */
    static long roundTrips() {
        return ROUND_TRIPS.get()[0];
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private static Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(address);
        return socket;
    }

    private static final class CountingSocket extends Socket {
        /** Whether the last thing done on this socket was a write: the next read then waits for an answer. */
        private volatile boolean wrote;
        private InputStream in;
        private OutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        turn();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        turn();
                        return super.read(buffer, offset, length);
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream raw = super.getOutputStream();
                out = new FilterOutputStream(raw) {
                    @Override
                    public void write(int b) throws IOException {
                        wrote = true;
                        raw.write(b);
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        wrote = true;
                        raw.write(buffer, offset, length);
                    }
                };
            }
            return out;
        }

        private void turn() {
            if (wrote) {
                wrote = false;
                ROUND_TRIPS.get()[0]++;
            }
        }
    }
}
