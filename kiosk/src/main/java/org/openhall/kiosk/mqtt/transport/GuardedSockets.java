package org.openhall.kiosk.mqtt.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for an MQTT client (Paho's {@code MqttConnectOptions.setSocketFactory}) whose sockets read
 * through a {@link PacketGuard}: no PUBLISH payload over {@code maxPayload} ever reaches the client; it gets an
 * {@link Oversized} marker instead. Give it the factory the connection would use anyway: a TLS factory for
 * {@code ssl://} (the result is then a TLS factory too, as Paho requires), {@link SocketFactory#getDefault()}
 * for {@code tcp://}.
 */
public final class GuardedSockets {
    /** First bytes of an oversized payload kept for the receiver (enough for a leading id). */
    public static final int DEFAULT_HEAD_BYTES = 4 * 1024;

    private GuardedSockets() {}

    public static SocketFactory factory(SocketFactory delegate, long maxPayload) {
        return factory(delegate, maxPayload, (int) Math.min(DEFAULT_HEAD_BYTES, maxPayload));
    }

    public static SocketFactory factory(SocketFactory delegate, long maxPayload, int headBytes) {
        PacketGuard.checkLimits(maxPayload, headBytes);
        return delegate instanceof SSLSocketFactory tls
                ? new Tls(tls, maxPayload, headBytes)
                : new Plain(delegate, maxPayload, headBytes);
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory delegate;
        private final long maxPayload;
        private final int headBytes;

        Plain(SocketFactory delegate, long maxPayload, int headBytes) {
            this.delegate = delegate;
            this.maxPayload = maxPayload;
            this.headBytes = headBytes;
        }

        private Socket wrap(Socket s) {
            return new GuardedSocket(s, new GuardedInput(maxPayload, headBytes));
        }

        @Override
        public Socket createSocket() throws IOException {
            return wrap(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return wrap(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return wrap(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return wrap(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return wrap(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final long maxPayload;
        private final int headBytes;

        Tls(SSLSocketFactory delegate, long maxPayload, int headBytes) {
            this.delegate = delegate;
            this.maxPayload = maxPayload;
            this.headBytes = headBytes;
        }

        private Socket wrap(Socket s) throws IOException {
            if (!(s instanceof SSLSocket tls)) {
                s.close();
                throw new IOException("the TLS socket factory made a socket without TLS: " + s.getClass().getName());
            }
            return new GuardedSslSocket(tls, new GuardedInput(maxPayload, headBytes));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return wrap(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return wrap(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return wrap(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return wrap(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return wrap(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return wrap(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
