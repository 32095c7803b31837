package org.openhall.kiosk.voice;

import java.util.Optional;

/** An offline text-to-speech program. */
public interface SpeechEngine {
    /** Mono 16-bit PCM at {@link Pcm#RATE} Hz of {@code text} in {@code voice} ("cmn", "en"); empty when it failed. */
    Optional<short[]> speak(String text, String voice);

    /** What the log calls it. */
    String describe();
}
