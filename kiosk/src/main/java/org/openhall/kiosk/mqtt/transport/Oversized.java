package org.openhall.kiosk.mqtt.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the application receives instead of a PUBLISH payload over the limit (see {@link PacketGuard}): the
 * payload's real size and its first bytes, so that the receiver can still find an id in it and answer.
 * Encoded as a marker payload starting with a NUL byte, which no JSON text starts with; a client that sends
 * these bytes itself only gets its message treated as oversized.
 */
public record Oversized(long size, byte[] head) {
    private static final byte[] MAGIC = "\0oversized-mqtt-payload\0".getBytes(StandardCharsets.US_ASCII);

    public Oversized {
        head = head.clone();
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    /** The marker payload for a payload of {@code size} bytes that began with {@code head}. */
    public byte[] encode() {
        return ByteBuffer.allocate(MAGIC.length + Long.BYTES + head.length).put(MAGIC).putLong(size).put(head).array();
    }

    /** The oversized payload a marker stands for, or empty for any other payload. */
    public static Optional<Oversized> decode(byte[] payload) {
        if (payload.length < MAGIC.length + Long.BYTES || !Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(payload, MAGIC.length, payload.length - MAGIC.length);
        long size = b.getLong();
        byte[] head = new byte[b.remaining()];
        b.get(head);
        return Optional.of(new Oversized(size, head));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Oversized other && size == other.size && Arrays.equals(head, other.head);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Arrays.hashCode(head);
    }

    @Override
    public String toString() {
        return "Oversized[size=" + size + ", head=" + head.length + " bytes]";
    }
}
