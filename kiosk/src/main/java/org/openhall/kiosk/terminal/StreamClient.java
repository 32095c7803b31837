package org.openhall.kiosk.terminal;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open event stream: a bounded queue of frames written one at a time with Jetty's non-blocking writes,
 * each started on the writer thread. Senders only enqueue. A write that has not completed within
 * {@link #STALL_NANOS}, or more than {@link #MAX_QUEUED} frames waiting, closes the connection.
 */
final class StreamClient {
    private static final Logger log = LoggerFactory.getLogger(StreamClient.class);
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final int MAX_QUEUED = 32;

    private final Response response;
    private final Callback done;
    private final EndPoint endPoint;
    private final Executor writer;
    private final Runnable onClose;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long writeStartedNanos;

    StreamClient(Response response, Callback done, EndPoint endPoint, Executor writer, Runnable onClose) {
        this.response = response;
        this.done = done;
        this.endPoint = endPoint;
        this.writer = writer;
        this.onClose = onClose;
    }

    void send(byte[] frame) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            close("too far behind");
            return;
        }
        queue.add(frame);
        schedulePump();
    }

    boolean stalled(long nowNanos) {
        return writing.get() && nowNanos - writeStartedNanos > STALL_NANOS;
    }

    private void schedulePump() {
        try {
            writer.execute(this::pump);
        } catch (RejectedExecutionException stopping) {
            close("server stopping");
        }
    }

    /** Starts the next write if none is in flight; runs on the writer thread only. */
    private void pump() {
        if (closed.get() || !writing.compareAndSet(false, true)) {
            return;
        }
        byte[] next = queue.poll();
        if (next == null) {
            writing.set(false);
            if (!queue.isEmpty()) {
                schedulePump(); // a frame raced in after the poll
            }
            return;
        }
        queued.decrementAndGet();
        writeStartedNanos = System.nanoTime();
        response.write(false, ByteBuffer.wrap(next), Callback.from(() -> {
            writing.set(false);
            schedulePump();
        }, failure -> close("write failed")));
    }

    void close(String why) {
        if (closed.compareAndSet(false, true)) {
            log.debug("event stream closed: {}", why);
            queue.clear();
            onClose.run();
            endPoint.close();
            done.failed(new java.nio.channels.ClosedChannelException());
        }
    }
}
