package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.openhall.kiosk.gpio.sim.PressSimulator;
import org.openhall.kiosk.json.Json;

/**
 * {@code POST /api/sim/press?pin=N&ms=80&bounces=0}, registered only under {@code --simulate} (otherwise the
 * server's 404 answers). Schedules the press on the simulated pin and answers 200 {@code {"pin":N,"ms":80,
 * "bounces":0}} at once, before the press completes, so holds longer than a client's timeout (a stuck button)
 * can be simulated. 400 {@code invalid_argument} for an unconfigured pin or parameters out of range, 409
 * {@code pin_busy} while an earlier simulated press of that pin is still held.
 */
public final class SimRoutes {
    private static final int DEFAULT_MS = 80;

    private final PressSimulator presses;
    private final Json json;

    public SimRoutes(PressSimulator presses, Json json) {
        this.presses = presses;
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.localRoute("POST", "/api/sim/press", Set.of(), this::press); // arguments in the query; no body fields
    }

    HttpResponse press(HttpRequest request) {
        int pin;
        int ms;
        int bounces;
        try {
            pin = Integer.parseInt(required(request.query().get("pin")));
            ms = Integer.parseInt(request.query().getOrDefault("ms", String.valueOf(DEFAULT_MS)));
            bounces = Integer.parseInt(request.query().getOrDefault("bounces", "0"));
            presses.press(pin, ms, bounces);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return HttpResponse.error(400, "invalid_argument");
        } catch (IllegalStateException e) {
            return HttpResponse.error(409, "pin_busy");
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("pin", pin);
        answer.put("ms", ms);
        answer.put("bounces", bounces);
        return HttpResponse.json(200, answer);
    }

    private static String required(String value) {
        if (value == null) {
            throw new IllegalArgumentException("pin is required");
        }
        return value;
    }
}
