package org.openhall.kiosk.config;

import java.util.List;
import java.util.Map;

/**
 * One rating evaluator at a window. {@code buttons} maps a level name (see {@link #LEVELS}) to a BCM pin,
 * in the order of {@link #LEVELS}; LED pins are null when absent.
 */
public record EvaluatorSettings(
        String window,
        Map<String, Integer> buttons,
        Integer ledOk,
        Integer ledBusy,
        int lockoutS,
        boolean requireInvite,
        int inviteS) {

    /** The five levels of the national rating scheme, best first; the names are part of the contract. */
    public static final List<String> LEVELS = List.of(
            "very_satisfied", "satisfied", "basically_satisfied", "dissatisfied", "very_dissatisfied");

    public EvaluatorSettings {
        buttons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buttons));
    }
}
