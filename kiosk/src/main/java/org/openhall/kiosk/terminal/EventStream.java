package org.openhall.kiosk.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Server-Sent Events to the pages: {@link #broadcast} queues one event for every open stream and returns at
 * once; the writes happen on the server's stream writer thread, never on the caller's (section 6: a client
 * that stops reading may delay nobody). At most {@link #MAX_CLIENTS} streams stay open (the oldest is closed
 * for a new one); a client whose write has not gone out within {@link StreamClient#STALL_NANOS} or whose
 * queue overflows is dropped, and a browser's EventSource reconnects by itself.
 */
public final class EventStream {
    static final int MAX_CLIENTS = 16;
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Deque<StreamClient> clients = new ConcurrentLinkedDeque<>();

    void add(StreamClient client) {
        clients.addLast(client);
        while (clients.size() > MAX_CLIENTS) {
            StreamClient oldest = clients.pollFirst();
            if (oldest != null) {
                oldest.close("replaced by a newer stream");
            }
        }
    }

    void remove(StreamClient client) {
        clients.remove(client);
    }

    public int clients() {
        return clients.size();
    }

    public void broadcast(String event, String jsonData) {
        byte[] frame = ("event: " + event + "\ndata: " + jsonData + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (StreamClient client : clients) {
            client.send(frame);
        }
    }

    /** Drops the stalled clients; with {@code keepalive}, sends each a comment so a vanished peer is noticed. */
    void tick(long nowNanos, boolean keepalive) {
        for (StreamClient client : clients) {
            if (client.stalled(nowNanos)) {
                client.close("not reading");
            } else if (keepalive) {
                client.send(KEEPALIVE);
            }
        }
    }

    void closeAll() {
        for (StreamClient client : clients) {
            client.close("server stopping");
        }
        clients.clear();
    }
}
