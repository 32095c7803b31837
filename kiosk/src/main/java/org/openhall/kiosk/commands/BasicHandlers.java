package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The commands that need no domain: {@code ping} and {@code telemetry}. */
public final class BasicHandlers {
    private BasicHandlers() {}

    public static CommandHandler ping() {
        return command -> JsonNodeFactory.instance.objectNode().put("pong", true);
    }

    /** Publishes a telemetry event now (it commits together with the result). */
    public static CommandHandler telemetry(Runnable report) {
        return command -> {
            report.run();
            return JsonNodeFactory.instance.objectNode().put("reported", true);
        };
    }
}
