package org.openhall.kiosk.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * espeak-ng (Debian package {@code espeak-ng}, Mandarin voice {@code cmn}) run as a program: the text is one
 * argument, never passed through a shell; it writes a WAV file in {@code workDir}, read back and deleted; a run
 * that takes longer than {@link #TIMEOUT_S} seconds is killed.
 */
public final class Espeak implements SpeechEngine {
    private static final Logger log = LoggerFactory.getLogger(Espeak.class);
    static final int TIMEOUT_S = 10;

    private final Path program;
    private final Path workDir;

    public Espeak(Path program, Path workDir) {
        this.program = program;
        this.workDir = workDir;
    }

    /**
     * The engine at {@code configured} (a path), or {@code espeak-ng} found on {@code PATH} when that is blank;
     * empty when there is no executable there.
     */
    public static Optional<Path> locate(String configured, String pathVariable) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : (pathVariable == null ? "" : pathVariable).split(":")) {
            if (!dir.isBlank()) {
                Path p = Path.of(dir, "espeak-ng");
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<short[]> speak(String text, String voice) {
        Path out = null;
        Process process = null;
        try {
            Files.createDirectories(workDir);
            out = Files.createTempFile(workDir, "speech-", ".wav");
            process = new ProcessBuilder(List.of(program.toString(), "-v", voice, "-w", out.toString(), text))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                log.warn("{} took over {} s: killed", program, TIMEOUT_S);
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                log.warn("{} exited with {}", program, process.exitValue());
                return Optional.empty();
            }
            return Pcm.samples(Files.readAllBytes(out));
        } catch (IOException e) {
            log.warn("{} failed: {}", program, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file in the cache directory is harmless
                }
            }
        }
    }

    @Override
    public String describe() {
        return program.toString();
    }
}
