package org.openhall.kiosk.ratings;

import org.openhall.kiosk.config.EvaluatorSettings;

/** One configured evaluator at a window: its rules state and its LEDs. Its monitor guards {@link #state}. */
record Evaluator(EvaluatorSettings settings, EvaluatorState state, Signals signals) {
    String window() {
        return settings.window();
    }
}
