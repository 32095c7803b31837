package org.openhall.kiosk.mqtt.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacketGuardTest {
    private static final int LIMIT = 64 * 1024;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};
    private static final byte[] SUBACK = {(byte) 0x90, 0x03, 0x00, 0x01, 0x01};
    private static final byte[] PINGRESP = {(byte) 0xD0, 0x00};

    @Test
    void packetsThatFitPassByteForByteWhateverTheReadSizes() throws IOException {
        byte[] wire = concat(CONNACK, SUBACK, publish(1, 7, "k/cmd/ping", payload(LIMIT)), publish(0, 0, "k/cmd/x", payload(10)),
                publish(1, 8, "k/cmd/ping", new byte[0]), PINGRESP);
        for (int chunk : new int[] {1, 3, 1000, 1 << 20}) {
            assertThat(readAll(guard(new ByteArrayInputStream(wire)), chunk)).as("chunk %d", chunk).isEqualTo(wire);
        }
    }

    @Test
    void anOversizedPublishBecomesASmallOneWithTheSamePacketIdTopicAndFlagsAndTheNextPacketFollows() throws IOException {
        long size = 60L * 1024 * 1024;
        byte[] head = "{\"id\":\"big-1\",\"junk\":\"".getBytes(StandardCharsets.US_ASCII);
        InputStream wire = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(publishHeader(0x3A, 513, "k/cmd/ping", size)), // QoS 1, DUP, retain off
                new ByteArrayInputStream(head),
                new Filler(size - head.length),
                new ByteArrayInputStream(publish(1, 514, "k/cmd/ping", "{\"id\":\"p\"}".getBytes(StandardCharsets.US_ASCII))))));
        PacketGuard guard = guard(wire);

        // while it discards, the guard hands Paho a PINGRESP now and then as a life sign: on a slow machine a few
        List<Packet> packets = Packet.parseAll(readAll(guard, 8192)).stream().filter(p -> p.first != 0xD0).toList();

        assertThat(packets).hasSize(2);
        Packet replaced = packets.get(0);
        assertThat(replaced.first).isEqualTo(0x3A);
        assertThat(replaced.topic).isEqualTo("k/cmd/ping");
        assertThat(replaced.packetId).isEqualTo(513);
        Oversized marker = Oversized.decode(replaced.payload).orElseThrow();
        assertThat(marker.size()).isEqualTo(size);
        assertThat(new String(marker.head(), 0, head.length, StandardCharsets.US_ASCII)).isEqualTo(new String(head, StandardCharsets.US_ASCII));
        assertThat(marker.head()).hasSize(GuardedSockets.DEFAULT_HEAD_BYTES);
        assertThat(packets.get(1).packetId).isEqualTo(514);
        assertThat(new String(packets.get(1).payload, StandardCharsets.US_ASCII)).isEqualTo("{\"id\":\"p\"}");
        assertThat(guard.discarded()).isEqualTo(size - GuardedSockets.DEFAULT_HEAD_BYTES);
    }

    @Test
    void theLimitIsOnThePayloadNotThePacket() throws IOException {
        byte[] fits = publish(1, 1, "a/very/long/topic/name/that/adds/to/the/packet", payload(LIMIT));
        byte[] over = publish(1, 2, "t", payload(LIMIT + 1));
        List<Packet> packets = Packet.parseAll(readAll(guard(new ByteArrayInputStream(concat(fits, over))), 4096));
        assertThat(packets.get(0).payload).hasSize(LIMIT);
        assertThat(Oversized.decode(packets.get(1).payload).orElseThrow().size()).isEqualTo(LIMIT + 1);
    }

    @Test
    void socketTimeoutsAnywhereLoseNothing() throws IOException {
        byte[] wire = concat(CONNACK, publish(1, 9, "k/cmd/a", payload(100)), publish(1, 10, "k/cmd/b", payload(LIMIT * 3)),
                SUBACK, publish(1, 11, "k/cmd/c", payload(5)));
        byte[] expected = readAll(guard(new ByteArrayInputStream(wire)), 1000);

        PacketGuard flaky = guard(new TimingOut(new ByteArrayInputStream(wire), 3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1000];
        int timeouts = 0;
        while (true) {
            int n;
            try {
                n = flaky.read(buf, 0, buf.length);
            } catch (SocketTimeoutException e) {
                timeouts++;
                continue;
            }
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
        }
        assertThat(timeouts).isGreaterThan(10);
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(Packet.parseAll(expected)).extracting(p -> p.packetId).containsExactly(0, 9, 10, 0, 11);
    }

    @Test
    void whileDiscardingItSignsLifeWithAPingResponseEverySecond() throws IOException {
        AtomicLong now = new AtomicLong();
        InputStream slow = new Filler(10 * 8192) {
            @Override
            public int read(byte[] b, int off, int len) {
                now.addAndGet(SECOND / 2); // a slow link: each 8 KiB chunk takes half a second
                return super.read(b, off, len);
            }
        };
        InputStream wire = new SequenceInputStream(new ByteArrayInputStream(publishHeader(0x32, 3, "t", 10 * 8192 + 100)),
                new SequenceInputStream(new ByteArrayInputStream(payload(100)), slow));
        PacketGuard guard = new PacketGuard(wire, LIMIT, 100, SECOND, now::get);

        List<Packet> packets = Packet.parseAll(readAll(guard, 8192));

        assertThat(packets).extracting(p -> p.first).startsWith(0xD0, 0xD0, 0xD0).endsWith(0x32);
        assertThat(packets.stream().filter(p -> p.first == 0xD0).count()).isBetween(4L, 6L);
        assertThat(Oversized.decode(packets.getLast().payload).orElseThrow().size()).isEqualTo(10 * 8192 + 100);
    }

    @Test
    void anOversizedControlPacketOrAMalformedLengthIsAProtocolViolation() {
        byte[] hugeSuback = concat(new byte[] {(byte) 0x90}, PacketGuard.encodeLength(PacketGuard.MAX_CONTROL_PACKET + 1));
        assertThatThrownBy(() -> readAll(guard(new ByteArrayInputStream(hugeSuback)), 100)).isInstanceOf(IOException.class)
                .hasMessageContaining("type 9");
        byte[] fiveByteLength = {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        assertThatThrownBy(() -> readAll(guard(new ByteArrayInputStream(fiveByteLength)), 100)).isInstanceOf(IOException.class)
                .hasMessageContaining("remaining length");
        byte[] topicTooLong = {0x30, 0x03, 0x00, 0x09, 'x'};
        assertThatThrownBy(() -> readAll(guard(new ByteArrayInputStream(topicTooLong)), 100)).isInstanceOf(IOException.class);
    }

    @Test
    void aStreamEndingInsideAPacketIsAnErrorAndAtABoundaryAnEnd() throws IOException {
        assertThat(guard(new ByteArrayInputStream(new byte[0])).read()).isEqualTo(-1);
        byte[] cut = Arrays.copyOf(publish(1, 1, "t", payload(LIMIT * 2)), LIMIT);
        assertThatThrownBy(() -> readAll(guard(new ByteArrayInputStream(cut)), 100)).isInstanceOf(java.io.EOFException.class);
    }

    @Test
    void aPayloadThatIsNoMarkerDecodesToNothing() {
        assertThat(Oversized.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(Oversized.decode(new byte[0])).isEmpty();
        Oversized o = new Oversized(70_000, new byte[] {1, 2});
        assertThat(Oversized.decode(o.encode())).contains(o);
    }

    private static PacketGuard guard(InputStream in) {
        return new PacketGuard(in, LIMIT, GuardedSockets.DEFAULT_HEAD_BYTES, SECOND, System::nanoTime);
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = in.read(buf, 0, chunk)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) ('a' + i % 26);
        }
        return p;
    }

    static byte[] publish(int qos, int packetId, String topic, byte[] payload) {
        return concat(publishHeader(0x30 | (qos << 1), packetId, topic, payload.length), payload);
    }

    /** Fixed header, topic and packet id (for QoS 1 and 2) of a PUBLISH whose payload follows. */
    static byte[] publishHeader(int first, int packetId, String topic, long payloadLength) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        boolean withId = ((first >> 1) & 3) > 0;
        int variable = 2 + t.length + (withId ? 2 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.writeBytes(PacketGuard.encodeLength((int) (variable + payloadLength)));
        out.write(t.length >> 8);
        out.write(t.length & 0xFF);
        out.writeBytes(t);
        if (withId) {
            out.write(packetId >> 8);
            out.write(packetId & 0xFF);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code n} bytes of 'x' made on the fly: a 60 MB payload the test never holds. */
    private static class Filler extends InputStream {
        private long left;

        Filler(long n) {
            this.left = n;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
        }
    }

    /** Every {@code every}-th read times out (as Paho's 1 s socket timeout does), and reads return at most 7 bytes. */
    private static final class TimingOut extends InputStream {
        private final InputStream in;
        private final int every;
        private int reads;

        TimingOut(InputStream in, int every) {
            this.in = in;
            this.every = every;
        }

        @Override
        public int read() throws IOException {
            if (++reads % every == 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (++reads % every == 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            return in.read(b, off, Math.min(len, 7));
        }
    }

    /** A server-to-client packet as the test reads it back. */
    private record Packet(int first, String topic, int packetId, byte[] payload) {
        static List<Packet> parseAll(byte[] wire) {
            List<Packet> out = new ArrayList<>();
            int i = 0;
            while (i < wire.length) {
                int first = wire[i++] & 0xFF;
                int remaining = 0;
                int shift = 0;
                int b;
                do {
                    b = wire[i++] & 0xFF;
                    remaining |= (b & 0x7F) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                int end = i + remaining;
                if (first >> 4 == 3) {
                    int topicLength = ((wire[i] & 0xFF) << 8) | (wire[i + 1] & 0xFF);
                    String topic = new String(wire, i + 2, topicLength, StandardCharsets.UTF_8);
                    i += 2 + topicLength;
                    int id = 0;
                    if (((first >> 1) & 3) > 0) {
                        id = ((wire[i] & 0xFF) << 8) | (wire[i + 1] & 0xFF);
                        i += 2;
                    }
                    out.add(new Packet(first, topic, id, Arrays.copyOfRange(wire, i, end)));
                } else {
                    out.add(new Packet(first, null, 0, Arrays.copyOfRange(wire, i, end)));
                }
                i = end;
            }
            return out;
        }
    }
}
