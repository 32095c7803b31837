package org.openhall.kiosk.terminal;

import java.util.concurrent.Executors;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Jetty sized for a Raspberry Pi: a pool of at most four platform threads (the selector, which also accepts,
 * holds one) with every request handled on its own virtual thread, no reserved threads, a small buffer pool
 * and small buffers. What a hostile client can make it hold is bounded by the connection limit.
 */
final class JettyServers {
    private static final int MAX_POOL_THREADS = 4;
    private static final int IDLE_THREAD_MS = 5_000;
    private static final int BUFFER_POOL_BYTES = 2 * 1024 * 1024;
    private static final int REQUEST_HEADER_BYTES = 8 * 1024;
    private static final int OUTPUT_BUFFER_BYTES = 16 * 1024;
    /** Connections the kernel may hold before the server accepts them (the server's own cap is separate). */
    private static final int ACCEPT_QUEUE = 64;

    private JettyServers() {}

    static Server server() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_POOL_THREADS, 1);
        pool.setName("terminal");
        pool.setReservedThreads(0);
        pool.setIdleTimeout(IDLE_THREAD_MS); // the selector holds the one thread kept; a spare goes soon
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("terminal-request-", 0).factory()));
        ArrayByteBufferPool buffers = new ArrayByteBufferPool(0, 4096, 65_536, 64, BUFFER_POOL_BYTES, BUFFER_POOL_BYTES);
        Server server = new Server(pool, new ScheduledExecutorScheduler("terminal-scheduler", true), buffers);
        server.setStopTimeout(1_000);
        return server;
    }

    static ServerConnector connector(Server server, String host, int port, long idleTimeoutMs) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        http.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
        http.setIdleTimeout(idleTimeoutMs);
        ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeoutMs);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }
}
