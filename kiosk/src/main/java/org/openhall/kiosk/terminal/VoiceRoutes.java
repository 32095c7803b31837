package org.openhall.kiosk.terminal;

import java.util.regex.Pattern;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.tickets.CallingService;
import org.openhall.kiosk.voice.Announcements;

/** {@code GET /api/voice?number=A015&window=3}: the call's audio as {@code audio/wav} (see {@link Announcements}). */
public final class VoiceRoutes {
    private static final Pattern NUMBER = Pattern.compile("^[A-Z][0-9]{3,5}$");

    private final Announcements announcements;
    private final CallingService calling;

    public VoiceRoutes(Announcements announcements, CallingService calling) {
        this.announcements = announcements;
        this.calling = calling;
    }

    public void register(TerminalServer server) {
        server.route("GET", "/api/voice", this::voice);
    }

    HttpResponse voice(HttpRequest request) {
        String number = request.query().get("number");
        String window = request.query().get("window");
        if (number == null || !NUMBER.matcher(number).matches() || window == null) {
            return HttpResponse.error(400, "invalid_argument");
        }
        return calling.window(window)
                .map(w -> new HttpResponse(200, "audio/wav", announcements.wav(number, w.name(), w.nameEn())))
                .orElse(HttpResponse.refused(Refusal.UNKNOWN_WINDOW));
    }
}
