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
        Rows rows = new Rows();
        for (Envelope e : stored) {
            if (TYPES.contains(e.type())) {
                Optional<JsonNode> data = data(e);
                if (data.isPresent()) {
                    collect(rows, e, data.get());
                }
            }
        }
        Connection c = tx.connection();
        reports.countRatings(c, rows.ratings);
        reports.insertQueue(c, rows.queue);
        reports.insertPaused(c, rows.paused);
        cases.open(c, rows.cases);
    }

    /** What one batch adds, written per table in one JDBC batch each (a statement per event cost most of ingest). */
    private static final class Rows {
        final List<RatingFact> ratings = new ArrayList<>();
        final List<QueueFact> queue = new ArrayList<>();
        final List<ReportStore.PausedRow> paused = new ArrayList<>();
        final List<CaseStore.Opening> cases = new ArrayList<>();
    }

    private void collect(Rows rows, Envelope e, JsonNode data) {
        switch (e.type()) {
            case "rating.submitted" -> rating(rows, e, data);
            case "window.resumed" -> {
                for (PausedDay day : facts.paused(e.site(), e.kiosk(), e.timeMs(), data)) {
                    rows.paused.add(new ReportStore.PausedRow(e.seq(), day));
                }
            }
            default -> facts.queue(e.site(), e.kiosk(), e.seq(), e.type(), e.timeMs(), data).ifPresent(rows.queue::add);
        }
    }

    private void rating(Rows rows, Envelope e, JsonNode data) {
        Optional<RatingFact> fact = facts.rating(e.site(), e.kiosk(), e.seq(), e.timeMs(), data);
        if (fact.isEmpty()) {
            log.warn("{} seq {}: rating.submitted without window or score 1-5, not reported", e.kioskId(), e.seq());
            return;
        }
        RatingFact r = fact.get();
        rows.ratings.add(r);
        if (r.score() <= 2) {
            Instant at = Instant.ofEpochMilli(e.timeMs());
            rows.cases.add(new CaseStore.Opening(e.seq(), FollowupCase.opened(0, r.site(), r.kiosk(), r.window(), r.staff(),
                    r.ticket(), level(data, r.score()), reasons(data), at, deadline.due(at)), LocalDate.parse(r.keys().day())));
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
            JsonNode data = e.data(json);
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
