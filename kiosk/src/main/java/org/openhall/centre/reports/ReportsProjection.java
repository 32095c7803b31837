package org.openhall.centre.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openhall.centre.cases.CaseStore;
import org.openhall.centre.cases.Deadline;
import org.openhall.centre.cases.FollowupCase;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.Projection;
import org.openhall.centre.store.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the report tables and the cases in step with the stored events, inside the ingest transaction:
 * each newly stored rating becomes a report row (and, when bad, a case due after the deadline), each calling
 * event a queue row, each {@code window.resumed} its paused time per day. An event it cannot read is logged
 * and skipped, never thrown at the ingest.
 */
public final class ReportsProjection implements Projection {
    private static final Logger log = LoggerFactory.getLogger(ReportsProjection.class);
    private final ObjectMapper json;
    private final ReportFacts facts;
    private final Deadline deadline;
    private final ReportStore reports = new ReportStore();
    private final CaseStore cases = new CaseStore();

    public ReportsProjection(ObjectMapper json, ReportFacts facts, Deadline deadline) {
        this.json = json;
        this.facts = facts;
        this.deadline = deadline;
    }

    private static final java.util.Set<String> TYPES = java.util.Set.of("rating.submitted", "ticket.issued",
            "ticket.called", "ticket.no_show", "ticket.completed", "window.resumed");

    @Override
    public void project(List<Envelope> stored, Transaction tx) throws SQLException {
        for (Envelope e : stored) {
            if (TYPES.contains(e.type())) {
                Optional<JsonNode> data = data(e);
                if (data.isPresent()) {
                    project(tx.connection(), e, data.get());
                }
            }
        }
    }

    private void project(Connection c, Envelope e, JsonNode data) throws SQLException {
        switch (e.type()) {
            case "rating.submitted" -> rating(c, e, data);
            case "window.resumed" -> {
                for (PausedDay day : facts.paused(e.site(), e.kiosk(), e.timeMs(), data)) {
                    reports.insertPaused(c, e.seq(), day);
                }
            }
            default -> {
                Optional<QueueFact> fact = facts.queue(e.site(), e.kiosk(), e.seq(), e.type(), e.timeMs(), data);
                if (fact.isPresent()) {
                    reports.insertQueue(c, fact.get());
                }
            }
        }
    }

    private void rating(Connection c, Envelope e, JsonNode data) throws SQLException {
        Optional<RatingFact> fact = facts.rating(e.site(), e.kiosk(), e.seq(), e.timeMs(), data);
        if (fact.isEmpty()) {
            log.warn("{} seq {}: rating.submitted without window or score 1-5, not reported", e.kioskId(), e.seq());
            return;
        }
        RatingFact r = fact.get();
        reports.insertRating(c, r);
        if (r.score() <= 2) {
            Instant at = Instant.ofEpochMilli(e.timeMs());
            cases.open(c, e.seq(), FollowupCase.opened(0, r.site(), r.kiosk(), r.window(), r.staff(), r.ticket(),
                    level(data, r.score()), reasons(data), at, deadline.due(at)), LocalDate.parse(r.keys().day()));
        }
    }

    private static String level(JsonNode data, int score) {
        return score == 1 ? "very_dissatisfied" : "dissatisfied"; // the score decides; the level text is not trusted
    }

    private static List<String> reasons(JsonNode data) {
        List<String> codes = new ArrayList<>();
        for (JsonNode code : data.path("reasons")) {
            String text = code.asText("");
            if (text.matches("[a-z_]{1,32}") && !codes.contains(text) && codes.size() < 5) {
                codes.add(text);
            }
        }
        return codes;
    }

    private Optional<JsonNode> data(Envelope e) {
        try {
            JsonNode data = json.readTree(e.json()).path("data");
            if (data.isObject()) {
                return Optional.of(data);
            }
        } catch (JsonProcessingException unreadable) {
            // stored as received; logged below
        }
        log.warn("{} seq {}: {} without a readable data object, not reported", e.kioskId(), e.seq(), e.type());
        return Optional.empty();
    }
}
