package org.openhall.kiosk.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.openhall.kiosk.config.DisplaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of one call, as {@code /api/voice} serves it: the chime, then "请 A015 号 到 3号窗口 办理" in Mandarin
 * (and, with {@code voice = "zh+en"}, "Number A015, please go to Window 3"), made offline by the speech engine
 * and cached as WAV files in the cache directory (at most {@link #MAX_CACHED}, the least recently used go).
 * Without an engine, or with {@code voice = "off"}, the chime alone; the missing engine is logged once.
 */
public final class Announcements {
    private static final Logger log = LoggerFactory.getLogger(Announcements.class);
    static final int MAX_CACHED = 200;
    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    private final DisplaySettings settings;
    private final Optional<SpeechEngine> engine;
    private final Path cacheDir;
    /** Made on the first call, not at start (about 13 ms of the start here, and 57 KB a kiosk that never calls keeps). */
    private volatile short[] chime;
    private final ReentrantLock making = new ReentrantLock();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public Announcements(DisplaySettings settings, Optional<SpeechEngine> engine, Path cacheDir) {
        this.settings = settings;
        this.engine = engine;
        this.cacheDir = cacheDir;
    }

    /** Logs, once, what the hall will hear. */
    public void start() {
        if (settings.silent()) {
            log.info("voice off: calls get the chime alone");
        } else if (engine.isEmpty()) {
            log.warn("no speech engine found (install espeak-ng, or set display.speech_engine): calls get the chime alone");
        } else {
            log.info("calls are spoken by {} ({}), cached in {}", engine.get().describe(), settings.voice(), cacheDir);
        }
    }

    private short[] chime() {
        short[] made = chime;
        if (made == null) {
            made = Chime.samples(); // two threads may both make it: the same samples, no harm
            chime = made;
        }
        return made;
    }

    /** True when calls are spoken, not only chimed. */
    public boolean speaks() {
        return !settings.silent() && engine.isPresent();
    }

    /** The WAV file of the call of {@code number} to the window named {@code name} / {@code nameEn}. */
    public byte[] wav(String number, String name, String nameEn) {
        if (!speaks()) {
            return Pcm.wav(chime());
        }
        String zh = "请 " + spokenZh(number) + "号 到 " + name + " 办理";
        String en = settings.english() ? "Number " + spokenEn(number) + ", please go to " + nameEn : "";
        Path cached = cacheDir.resolve(key(zh + "\n" + en) + ".wav");
        making.lock();
        try {
            Optional<byte[]> hit = read(cached);
            if (hit.isPresent()) {
                return hit.get();
            }
            Optional<byte[]> made = make(zh, en);
            if (made.isEmpty()) {
                return Pcm.wav(chime());
            }
            store(cached, made.get());
            return made.get();
        } finally {
            making.unlock();
        }
    }

    private Optional<byte[]> make(String zh, String en) {
        SpeechEngine e = engine.orElseThrow();
        Optional<short[]> chinese = e.speak(zh, "cmn");
        Optional<short[]> english = en.isEmpty() ? Optional.of(new short[0]) : e.speak(en, "en");
        if (chinese.isEmpty() || english.isEmpty()) {
            if (failureLogged.compareAndSet(false, true)) {
                log.warn("speech engine {} failed: this call and the next failing ones get the chime alone", e.describe());
            }
            return Optional.empty();
        }
        failureLogged.set(false);
        List<short[]> parts = new ArrayList<>(List.of(chime(), Pcm.silence(250), chinese.get()));
        if (!en.isEmpty()) {
            parts.add(Pcm.silence(400));
            parts.add(english.get());
        }
        return Optional.of(Pcm.wav(Pcm.join(parts.toArray(short[][]::new))));
    }

    /** "A015" as the hall hears it in Mandarin: the letter, then each digit ("A零一五"). */
    static String spokenZh(String number) {
        StringBuilder b = new StringBuilder();
        for (char c : number.toCharArray()) {
            b.append(Character.isDigit(c) ? DIGITS[c - '0'] : String.valueOf(c));
        }
        return b.toString();
    }

    /** "A015" in English: "A 0 1 5". */
    static String spokenEn(String number) {
        return String.join(" ", number.split(""));
    }

    private static String key(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Optional<byte[]> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return Pcm.samples(bytes).isPresent() ? Optional.of(bytes) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes atomically (a crash leaves no half file) and trims the cache; a full disk only costs the cache. */
    private void store(Path file, byte[] wav) {
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "voice-", ".tmp");
            Files.write(tmp, wav);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            trim();
        } catch (IOException e) {
            log.warn("voice not cached: {}", e.getMessage());
        }
    }

    private void trim() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(cacheDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".wav"))
                    .sorted(Comparator.comparingLong(Announcements::modified).reversed()).toList();
        }
        for (Path old : files.subList(Math.min(files.size(), MAX_CACHED), files.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
