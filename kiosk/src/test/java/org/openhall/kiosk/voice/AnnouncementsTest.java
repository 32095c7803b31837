package org.openhall.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.config.DisplaySettings;
import org.openhall.kiosk.testing.LogCapture;

/** The call's WAV, decoded by the JDK's own audio reader, with the real espeak-ng and without any engine. */
class AnnouncementsTest {
    private static final double CHIME_S = Chime.samples().length / (double) Pcm.RATE;

    @TempDir
    Path tmp;

    record Decoded(float rate, int channels, double seconds, short[] samples) {}

    static Decoded decode(byte[] wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            byte[] pcm = in.readAllBytes();
            short[] samples = new short[pcm.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            }
            return new Decoded(f.getSampleRate(), f.getChannels(), in.getFrameLength() / (double) f.getFrameRate(), samples);
        }
    }

    private Announcements with(String voice, String enginePath) {
        DisplaySettings settings = new DisplaySettings(voice, 2, 6, enginePath);
        Optional<SpeechEngine> engine = Espeak.locate(enginePath, System.getenv("PATH"))
                .map(p -> new Espeak(p, tmp.resolve("work")));
        return new Announcements(settings, engine, tmp.resolve("voice"));
    }

    private long cached() throws Exception {
        if (!Files.isDirectory(tmp.resolve("voice"))) {
            return 0;
        }
        try (Stream<Path> s = Files.list(tmp.resolve("voice"))) {
            return s.filter(p -> p.toString().endsWith(".wav")).count();
        }
    }

    @Test
    void withEspeakTheCallIsAChimeThenMandarinSpeechAndIsCached() throws Exception {
        assertThat(Path.of("/usr/bin/espeak-ng")).as("espeak-ng is installed here (.ci/run installs it)").exists();
        Announcements a = with("zh", "");
        assertThat(a.speaks()).isTrue();

        Decoded d = decode(a.wav("A015", "3号窗口", "Window 3"));
        System.out.printf("voice zh: %.2f s at %.0f Hz%n", d.seconds(), d.rate());
        assertThat(d.rate()).isEqualTo(22_050f);
        assertThat(d.channels()).isEqualTo(1);
        assertThat(d.seconds()).isBetween(CHIME_S + 1.5, CHIME_S + 12);
        int speechStart = (int) ((CHIME_S + 0.25) * Pcm.RATE);
        short[] speech = java.util.Arrays.copyOfRange(d.samples(), speechStart, d.samples().length);
        assertThat(Pcm.rms(speech)).as("the speech part is not silence").isGreaterThan(300);
        assertThat(cached()).isEqualTo(1);

        byte[] again = a.wav("A015", "3号窗口", "Window 3");
        assertThat(decode(again).seconds()).isEqualTo(d.seconds());
        assertThat(cached()).as("served from the cache").isEqualTo(1);
    }

    @Test
    void withEnglishTheAnnouncementIsLonger() throws Exception {
        double zh = decode(with("zh", "").wav("B002", "2号窗口", "Window 2")).seconds();
        Decoded both = decode(with("zh+en", "").wav("B002", "2号窗口", "Window 2"));
        System.out.printf("voice zh: %.2f s, zh+en: %.2f s%n", zh, both.seconds());
        assertThat(both.seconds()).isGreaterThan(zh + 1.0);
    }

    @Test
    void withoutAnEngineTheChimeAloneAndOneLogLine() throws Exception {
        try (LogCapture log = new LogCapture(Announcements.class)) {
            Announcements a = with("zh", tmp.resolve("no-such-espeak").toString());
            a.start();
            assertThat(a.speaks()).isFalse();
            Decoded d = decode(a.wav("A015", "3号窗口", "Window 3"));
            a.wav("A016", "3号窗口", "Window 3");

            assertThat(d.rate()).isEqualTo(22_050f);
            assertThat(d.seconds()).isCloseTo(CHIME_S, org.assertj.core.data.Offset.offset(0.01));
            assertThat(Pcm.rms(d.samples())).as("the chime is not silence").isGreaterThan(1000);
            assertThat(log.count("no speech engine")).isEqualTo(1);
            assertThat(log.lines()).hasSize(1);
            assertThat(cached()).isZero();
        }
    }

    @Test
    void voiceOffIsTheChimeAlone() throws Exception {
        Decoded d = decode(with("off", "").wav("A015", "3号窗口", "Window 3"));
        assertThat(d.seconds()).isCloseTo(CHIME_S, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aFailingEngineGivesTheChimeAndIsLoggedOnce() throws Exception {
        Path failing = tmp.resolve("fails.sh");
        Files.writeString(failing, "#!/bin/sh\nexit 3\n");
        failing.toFile().setExecutable(true);
        try (LogCapture log = new LogCapture(Announcements.class)) {
            Announcements a = with("zh", failing.toString());
            assertThat(decode(a.wav("A001", "1号窗口", "Window 1")).seconds()).isCloseTo(CHIME_S, org.assertj.core.data.Offset.offset(0.01));
            a.wav("A002", "1号窗口", "Window 1");
            assertThat(log.count("failed")).isEqualTo(1);
        }
    }

    @Test
    void numbersAreReadDigitByDigit() {
        assertThat(Announcements.spokenZh("A015")).isEqualTo("A零一五");
        assertThat(Announcements.spokenEn("A015")).isEqualTo("A 0 1 5");
    }

    @Test
    void pcmRoundTripsThroughWav() {
        short[] s = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE};
        assertThat(Pcm.samples(Pcm.wav(s))).hasValueSatisfying(x -> assertThat(x).containsExactly(s));
        assertThat(Pcm.samples(new byte[] {1, 2, 3})).isEmpty();
    }
}
