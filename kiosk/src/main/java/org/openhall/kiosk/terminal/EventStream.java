package org.openhall.kiosk.terminal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-Sent Events to the terminal page: {@link #broadcast} writes one event to every open stream; a
 * stream whose peer went away is dropped on the next write.
 */
public final class EventStream {
    private final Set<OutputStream> clients = ConcurrentHashMap.newKeySet();

    void add(OutputStream out) {
        clients.add(out);
    }

    void remove(OutputStream out) {
        clients.remove(out);
    }

    public int clients() {
        return clients.size();
    }

    public void broadcast(String event, String jsonData) {
        byte[] frame = ("event: " + event + "\ndata: " + jsonData + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (OutputStream out : clients) {
            try {
                synchronized (out) {
                    out.write(frame);
                    out.flush();
                }
            } catch (IOException e) {
                clients.remove(out);
            }
        }
    }

    void closeAll() {
        for (OutputStream out : clients) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the peer is gone already
            }
        }
        clients.clear();
    }
}
