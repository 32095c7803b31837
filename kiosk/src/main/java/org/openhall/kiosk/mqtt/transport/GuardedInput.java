package org.openhall.kiosk.mqtt.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** The limits of one socket, and its {@link PacketGuard}, made once on the first {@code getInputStream}. */
final class GuardedInput {
    private static final long ALIVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final long maxPayload;
    private final int headBytes;
    private PacketGuard guard;

    GuardedInput(long maxPayload, int headBytes) {
        this.maxPayload = maxPayload;
        this.headBytes = headBytes;
    }

    synchronized InputStream of(Socket socket) throws IOException {
        if (guard == null) {
            guard = new PacketGuard(socket.getInputStream(), maxPayload, headBytes, ALIVE_EVERY_NANOS, System::nanoTime);
        }
        return guard;
    }
}
