package org.openhall.centre.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one stored event adds to the report tables, read from its {@code data}. Events this cannot read
 * (an older kiosk, a hostile one) give nothing rather than an error: a projection that throws would stall
 * the ingest of the whole batch.
 */
public final class ReportFacts {
    static final int MAX_ID = 64;
    private final ReportCalendar calendar;

    public ReportFacts(ZoneId zone) {
        this.calendar = new ReportCalendar(zone);
    }

    public ReportCalendar calendar() {
        return calendar;
    }

    /** A rating.submitted as a fact, when it has a window and a score 1-5. */
    public Optional<RatingFact> rating(String site, String kiosk, long seq, long timeMs, JsonNode data) {
        String window = id(data, "window");
        JsonNode score = data.path("score");
        if (window == null || !score.canConvertToInt() || score.asInt() < 1 || score.asInt() > 5) {
            return Optional.empty();
        }
        return Optional.of(new RatingFact(site, kiosk, seq, timeMs, calendar.keys(Instant.ofEpochMilli(timeMs)), window,
                id(data, "staff"), id(data, "ticket"), score.asInt()));
    }

    /** A calling event as a queue fact: ticket.issued, a first ticket.called, ticket.no_show, ticket.completed. */
    public Optional<QueueFact> queue(String site, String kiosk, long seq, String type, long timeMs, JsonNode data) {
        String day = calendar.day(Instant.ofEpochMilli(timeMs));
        String window = id(data, "window");
        return switch (type) {
            case "ticket.issued" -> Optional.of(new QueueFact(site, kiosk, seq, QueueEventKind.ISSUED, day,
                    id(data, "category"), null, null));
            case "ticket.called" -> data.path("recall").asBoolean(false) || window == null ? Optional.empty()
                    : Optional.of(new QueueFact(site, kiosk, seq, QueueEventKind.CALLED, day, category(data), window,
                            seconds(data, "waitS")));
            case "ticket.no_show" -> window == null ? Optional.empty() : Optional.of(new QueueFact(site, kiosk, seq,
                    QueueEventKind.NO_SHOW, day, category(data), window, null));
            case "ticket.completed" -> window == null ? Optional.empty() : Optional.of(new QueueFact(site, kiosk, seq,
                    QueueEventKind.COMPLETED, day, category(data), window, seconds(data, "serviceS")));
            default -> Optional.empty();
        };
    }

    /** A window.resumed as its paused seconds per day (a pause over midnight gives two days). */
    public List<PausedDay> paused(String site, String kiosk, long timeMs, JsonNode data) {
        String window = id(data, "window");
        Long pausedS = seconds(data, "pausedS");
        List<PausedDay> days = new ArrayList<>();
        if (window == null || pausedS == null) {
            return days;
        }
        for (Map.Entry<LocalDate, Long> part : PauseSplit.byDay(Instant.ofEpochMilli(timeMs), pausedS,
                calendar.zone()).entrySet()) {
            days.add(new PausedDay(site, kiosk, window, part.getKey().toString(), part.getValue()));
        }
        return days;
    }

    /** Ticket numbers are the category letter and digits (A015): the category of a called ticket. */
    private static String category(JsonNode data) {
        String number = data.path("number").asText("");
        return !number.isEmpty() && Character.isLetter(number.charAt(0)) ? number.substring(0, 1) : null;
    }

    private static Long seconds(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : null;
    }

    /** A short text id, or null: absent, not text, or too long to be one of ours. */
    static String id(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isTextual() && !value.asText().isEmpty() && value.asText().length() <= MAX_ID ? value.asText() : null;
    }
}
