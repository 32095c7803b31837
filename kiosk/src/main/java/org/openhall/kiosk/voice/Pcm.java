package org.openhall.kiosk.voice;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Mono 16-bit PCM at {@link #RATE} Hz, the format espeak-ng writes, and its WAV container: encoding, decoding
 * (any chunk layout, as long as the format matches) and joining. Pure functions.
 */
public final class Pcm {
    public static final int RATE = 22_050;
    private static final int HEADER = 44;

    private Pcm() {}

    /** {@code millis} of silence. */
    public static short[] silence(int millis) {
        return new short[RATE * millis / 1000];
    }

    public static short[] join(short[]... parts) {
        int length = 0;
        for (short[] p : parts) {
            length += p.length;
        }
        short[] out = new short[length];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A canonical 44-byte-header WAV file of the samples. */
    public static byte[] wav(short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(HEADER + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /**
     * The samples of a WAV file; empty when it is not PCM mono 16-bit at {@link #RATE} Hz. A data size of
     * 0xFFFFFFFF or beyond the end (a stream that was never finalised) means "to the end of the file".
     */
    public static Optional<short[]> samples(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            return Optional.empty();
        }
        boolean formatOk = false;
        int at = 12;
        while (at + 8 <= wav.length) {
            int id = b.getInt(at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            if (id == 0x20746d66) { // "fmt "
                formatOk = size >= 16 && body + 16 <= wav.length && b.getShort(body) == 1 && b.getShort(body + 2) == 1
                        && b.getInt(body + 4) == RATE && b.getShort(body + 14) == 16;
            } else if (id == 0x61746164) { // "data"
                if (!formatOk) {
                    return Optional.empty();
                }
                int end = (int) Math.min(wav.length, body + size);
                short[] out = new short[(end - body) / 2];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getShort(body + 2 * i);
                }
                return Optional.of(out);
            }
            at = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        return Optional.empty();
    }

    /** For tests and logs: the root mean square of the samples, 0 for silence. */
    public static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
