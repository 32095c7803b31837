package org.openhall.kiosk.voice;

/**
 * The "ding-dong" before each announcement, synthesised: two bell-like tones (a fifth apart, with a soft
 * octave partial) that decay exponentially, so it sounds the same on every kiosk and needs no sound file.
 */
public final class Chime {
    private static final double[] TONES_HZ = {784.0, 523.25}; // G5 then C5
    private static final int TONE_MS = 650;
    private static final double PEAK = 0.45 * Short.MAX_VALUE;

    private Chime() {}

    public static short[] samples() {
        int perTone = Pcm.RATE * TONE_MS / 1000;
        short[] out = new short[perTone * TONES_HZ.length];
        for (int t = 0; t < TONES_HZ.length; t++) {
            for (int i = 0; i < perTone; i++) {
                double s = (double) i / Pcm.RATE;
                double attack = Math.min(1.0, i / (Pcm.RATE * 0.005)); // 5 ms: no click at the start
                double envelope = attack * Math.exp(-4.0 * s);
                double wave = Math.sin(2 * Math.PI * TONES_HZ[t] * s) + 0.3 * Math.sin(4 * Math.PI * TONES_HZ[t] * s);
                out[t * perTone + i] = (short) Math.round(PEAK * envelope * wave / 1.3);
            }
        }
        return out;
    }
}
