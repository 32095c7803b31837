package org.openhall.kiosk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "broker" that accepts TCP connections and never says a word: the half-dead server behind a load
 * balancer. Counts connections and notices when a client gives up on one (EOF), so a test can tell a timed
 * out attempt that was released from one that leaked its socket.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    public SilentServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("silent-accept").start(this::acceptLoop);
    }

    public String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    public int closedByClient() {
        return closedByClient.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                accepted.incrementAndGet();
                Thread.ofPlatform().daemon().name("silent-drain").start(() -> drain(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads and discards what the client sends (its CONNECT) until it closes the socket. */
    private void drain(Socket s) {
        try (InputStream in = s.getInputStream()) {
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // never answer
            }
            closedByClient.incrementAndGet();
        } catch (IOException e) {
            closedByClient.incrementAndGet();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        } catch (IOException ignored) {
            // test teardown
        }
    }
}
