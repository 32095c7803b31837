package org.openhall.kiosk.mqtt.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The input side of an MQTT 3.1.1 connection, between the socket and the client library, that keeps any
 * PUBLISH payload over a limit out of memory. Paho reads a whole packet into one array sized by the packet's
 * remaining length, so one 60 MB publish would exhaust a small heap before the application could refuse it.
 *
 * <p>This stream parses the framing of the packets from the broker. A packet that fits passes byte for byte.
 * For a PUBLISH whose payload is over {@code maxPayload}, it keeps the first {@code headBytes} of the payload,
 * reads and discards the rest in small chunks, and then hands on a small PUBLISH with the same flags, topic and
 * packet id whose payload is an {@link Oversized} marker. The client therefore acknowledges it as usual (the
 * broker does not send it again) and the application sees the marker, not the payload. Any other packet type
 * longer than {@link #MAX_CONTROL_PACKET} is a protocol violation: the stream fails and the connection drops.
 *
 * <p>Paho counts every byte it reads as a sign of life of the broker (keep-alive). While a long payload is
 * being discarded it reads nothing, so every {@code aliveEveryNanos} of discarding this stream hands it one
 * PINGRESP, which Paho treats as the life sign the discarded bytes are (an unrequested PINGRESP is ignored).
 *
 * <p>A read may end in a {@link java.net.SocketTimeoutException} (Paho sets a 1 s socket timeout and retries);
 * all parsing state lives in fields, so the next read resumes where the last one stopped, and the client is
 * only ever handed a packet's header as a whole.
 */
public final class PacketGuard extends InputStream {
    /** Longest non-PUBLISH packet accepted from a broker (they are all a few bytes long). */
    public static final int MAX_CONTROL_PACKET = 64 * 1024;
    private static final int PUBLISH = 3;
    private static final byte[] PINGRESP = {(byte) 0xD0, 0};

    private final InputStream in;
    private final long maxPayload;
    private final int headBytes;
    private final long aliveEveryNanos;
    private final LongSupplier nanoTime;
    private final byte[] scratch = new byte[8 * 1024];

    /** The header of the packet being read, grown as needed (at most about 64 KiB: topic plus head). */
    private byte[] header = new byte[256];
    private int headerLength;
    /** Bytes ready for the client: a packet header, a replacement, or a PINGRESP. */
    private byte[] ready = new byte[0];
    private int readyPos;
    /** Payload bytes of a packet that fits, still to be passed through. */
    private long pass;
    /** Payload bytes of an oversized packet still to be discarded, and what replaces it afterwards. */
    private long discard;
    private byte[] replacement;
    private long lastHandedOn;
    private long discarded;

    /**
     * @param maxPayload the largest PUBLISH payload passed on
     * @param headBytes how many first bytes of an oversized payload the marker carries (at most 64 KiB)
     * @param aliveEveryNanos how often to signal life to the client while discarding (e.g. 1 s)
     * @param nanoTime a monotonic clock ({@code System::nanoTime})
     */
    public PacketGuard(InputStream in, long maxPayload, int headBytes, long aliveEveryNanos, LongSupplier nanoTime) {
        checkLimits(maxPayload, headBytes);
        this.in = in;
        this.maxPayload = maxPayload;
        this.headBytes = headBytes;
        this.aliveEveryNanos = aliveEveryNanos;
        this.nanoTime = nanoTime;
        this.lastHandedOn = nanoTime.getAsLong();
    }

    static void checkLimits(long maxPayload, int headBytes) {
        if (maxPayload < 0 || headBytes < 0 || headBytes > 64 * 1024 || headBytes > maxPayload) {
            throw new IllegalArgumentException("need 0 <= headBytes <= min(64 KiB, maxPayload), got " + headBytes + ", " + maxPayload);
        }
    }

    /** Payload bytes discarded so far (oversized payloads minus their heads). */
    public long discarded() {
        return discarded;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (readyPos < ready.length) {
                int n = Math.min(len, ready.length - readyPos);
                System.arraycopy(ready, readyPos, b, off, n);
                readyPos += n;
                lastHandedOn = nanoTime.getAsLong();
                return n;
            }
            if (pass > 0) {
                int n = in.read(b, off, (int) Math.min(len, pass));
                if (n < 0) {
                    throw new EOFException("connection closed inside a packet");
                }
                pass -= n;
                lastHandedOn = nanoTime.getAsLong();
                return n;
            }
            if (replacement != null) {
                if (!discardSome()) {
                    hand(PINGRESP);
                    continue;
                }
                hand(replacement);
                replacement = null;
                continue;
            }
            if (!readHeader()) {
                return -1;
            }
        }
    }

    @Override
    public int available() throws IOException {
        if (readyPos < ready.length) {
            return ready.length - readyPos;
        }
        return pass > 0 ? (int) Math.min(pass, in.available()) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Discards until the payload is gone (true) or it is time for a life sign (false). */
    private boolean discardSome() throws IOException {
        while (discard > 0) {
            if (nanoTime.getAsLong() - lastHandedOn >= aliveEveryNanos) {
                return false;
            }
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, discard));
            if (n < 0) {
                throw new EOFException("connection closed inside an oversized packet");
            }
            discard -= n;
            discarded += n;
        }
        return true;
    }

    private void hand(byte[] bytes) {
        ready = bytes;
        readyPos = 0;
    }

    /**
     * Reads the next packet's header and decides what to do with it; false at a clean end of stream. Re-entered
     * after a timeout, it parses what it already has again and reads only what is missing.
     */
    private boolean readHeader() throws IOException {
        if (!fill(1, true)) {
            return false;
        }
        int lengthEnd = 1;
        while (true) {
            fill(lengthEnd + 1, false);
            if ((header[lengthEnd] & 0x80) == 0) {
                break;
            }
            if (++lengthEnd > 4) {
                throw new IOException("malformed MQTT remaining length");
            }
        }
        long remaining = remainingLength(lengthEnd);
        int fixed = lengthEnd + 1;
        int type = (header[0] >> 4) & 0x0F;
        if (type != PUBLISH) {
            if (remaining > MAX_CONTROL_PACKET) {
                throw new IOException("MQTT packet of type " + type + " with " + remaining + " bytes from the broker");
            }
            passOn(fixed, remaining);
            return true;
        }
        fill(fixed + 2, false);
        int topicLength = ((header[fixed] & 0xFF) << 8) | (header[fixed + 1] & 0xFF);
        int qos = (header[0] >> 1) & 0x03;
        int variable = 2 + topicLength + (qos > 0 ? 2 : 0);
        if (variable > remaining) {
            throw new IOException("malformed MQTT PUBLISH: topic longer than the packet");
        }
        fill(fixed + variable, false);
        long payload = remaining - variable;
        if (payload <= maxPayload) {
            passOn(fixed + variable, payload);
            return true;
        }
        int head = (int) Math.min(headBytes, payload);
        fill(fixed + variable + head, false);
        byte[] marker = new Oversized(payload, Arrays.copyOfRange(header, fixed + variable, fixed + variable + head)).encode();
        replacement = publish(header[0], Arrays.copyOfRange(header, fixed, fixed + variable), marker);
        discard = payload - head;
        headerLength = 0;
        return true;
    }

    private void passOn(int headerBytes, long payload) {
        hand(Arrays.copyOf(header, headerBytes));
        pass = payload;
        headerLength = 0;
    }

    private long remainingLength(int lengthEnd) {
        long value = 0;
        for (int i = lengthEnd; i >= 1; i--) {
            value = (value << 7) | (header[i] & 0x7F);
        }
        return value;
    }

    /**
     * Reads until the header holds {@code n} bytes, never more (what follows belongs to the payload). False only
     * when {@code boundary} and the stream ends before the first byte.
     */
    private boolean fill(int n, boolean boundary) throws IOException {
        if (header.length < n) {
            header = Arrays.copyOf(header, Math.max(n, header.length * 2));
        }
        while (headerLength < n) {
            int got = in.read(header, headerLength, n - headerLength);
            if (got < 0) {
                if (boundary && headerLength == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside a packet header");
            }
            headerLength += got;
        }
        return true;
    }

    /** A PUBLISH packet with the original first byte (flags) and variable header (topic, packet id). */
    private static byte[] publish(byte first, byte[] variableHeader, byte[] payload) {
        int remaining = variableHeader.length + payload.length;
        byte[] length = encodeLength(remaining);
        byte[] packet = new byte[1 + length.length + remaining];
        packet[0] = first;
        System.arraycopy(length, 0, packet, 1, length.length);
        System.arraycopy(variableHeader, 0, packet, 1 + length.length, variableHeader.length);
        System.arraycopy(payload, 0, packet, 1 + length.length + variableHeader.length, payload.length);
        return packet;
    }

    static byte[] encodeLength(int value) {
        byte[] out = new byte[4];
        int n = 0;
        do {
            int digit = value % 128;
            value /= 128;
            out[n++] = (byte) (value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return Arrays.copyOf(out, n);
    }
}
