package org.openhall.kiosk.config;

import java.util.List;

/**
 * The hall screen and its voice ({@code [display]}): {@code voice} is "zh", "zh+en" or "off";
 * {@code speechEngine} is the path of the speech program, "" to look {@code espeak-ng} up on the PATH.
 */
public record DisplaySettings(String voice, int repeat, int recent, String speechEngine) {
    public static final List<String> VOICES = List.of("zh", "zh+en", "off");

    public static DisplaySettings defaults() {
        return new DisplaySettings("zh", 2, 6, "");
    }

    public boolean english() {
        return voice.equals("zh+en");
    }

    public boolean silent() {
        return voice.equals("off");
    }
}
