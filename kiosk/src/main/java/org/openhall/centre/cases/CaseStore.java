package org.openhall.centre.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tables {@code cases} and {@code case_steps}; SQL that SQLite and PostgreSQL read alike. */
public final class CaseStore {
    private static final String COLUMNS = "id, site, kiosk, window_id, staff, ticket, level, reasons, rated_ms, due, state";
    private static final String OPEN = "('new', 'verified', 'rectified', 'revisited')";

    /** The case of one bad rating: the rating's seq, the case before any step, the rating's day. */
    public record Opening(long seq, FollowupCase opened, LocalDate ratedDay) {
    }

    /** The cases of one ingest batch's bad ratings, opened by the rating projection in one JDBC batch. */
    public void open(Connection c, List<Opening> openings) throws SQLException {
        if (openings.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases(site, kiosk, seq, window_id, staff, ticket, level, "
                + "reasons, rated_ms, rated_day, due, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Opening o : openings) {
                FollowupCase k = o.opened();
                ps.setString(1, k.site());
                ps.setString(2, k.kiosk());
                ps.setLong(3, o.seq());
                ps.setString(4, k.window());
                ps.setString(5, k.staff());
                ps.setString(6, k.ticket());
                ps.setString(7, k.level());
                ps.setString(8, String.join(",", k.reasons()));
                ps.setLong(9, k.ratedAt().toEpochMilli());
                ps.setString(10, o.ratedDay().toString());
                ps.setString(11, k.due().toString());
                ps.setString(12, k.state().wireName());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<FollowupCase> find(Connection c, long id) throws SQLException {
        List<FollowupCase> found = select(c, "SELECT " + COLUMNS + " FROM cases WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    public List<FollowupCase> list(Connection c, CaseFilter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cases WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if ("open".equals(f.state())) {
            sql.append(" AND state IN ").append(OPEN);
        } else if ("overdue".equals(f.state())) {
            sql.append(" AND state IN ").append(OPEN).append(" AND due < ?");
            args.add(f.today().toString());
        } else if ("closed".equals(f.state())) {
            sql.append(" AND state IN ('closed', 'invalid')");
        }
        condition(sql, args, " AND site = ?", f.site());
        condition(sql, args, " AND window_id = ?", f.window());
        condition(sql, args, " AND rated_day >= ?", f.from() == null ? null : f.from().toString());
        condition(sql, args, " AND rated_day <= ?", f.to() == null ? null : f.to().toString());
        sql.append(" ORDER BY rated_ms DESC, id DESC LIMIT ").append(CaseFilter.LIMIT);
        return select(c, sql.toString(), args);
    }

    /**
     * Appends {@code step} as the case's next step and moves it from {@code from} to {@code to}; false when the
     * case is no longer in {@code from} (another supervisor moved it in between), and then nothing is written.
     */
    public boolean step(Connection c, long id, int n, CaseStep step, CaseState from, CaseState to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET state = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, to.wireName());
            ps.setLong(2, id);
            ps.setString(3, from.wireName());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_steps(case_id, n, step, user_name, at_ms, note, "
                + "resident_view) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setInt(2, n);
            ps.setString(3, step.step().wireName());
            ps.setString(4, step.user());
            ps.setLong(5, step.at().toEpochMilli());
            ps.setString(6, step.note());
            ps.setString(7, step.view() == null ? null : step.view().wireName());
            ps.executeUpdate();
        }
        return true;
    }

    /** How many open cases are past due on {@code today}, per (site, kiosk). */
    public Map<List<String>, Integer> overduePerKiosk(Connection c, LocalDate today) throws SQLException {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT site, kiosk, COUNT(*) FROM cases WHERE state IN " + OPEN
                + " AND due < ? GROUP BY site, kiosk ORDER BY site, kiosk")) {
            ps.setString(1, today.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(List.of(rs.getString(1), rs.getString(2)), rs.getInt(3));
                }
            }
        }
        return counts;
    }

    /** Every case of ratings given from {@code from} to {@code to} (both included), for the monthly figures. */
    public List<FollowupCase> ratedBetween(Connection c, LocalDate from, LocalDate to) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM cases WHERE rated_day >= ? AND rated_day <= ? ORDER BY id",
                List.of(from.toString(), to.toString()));
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private List<FollowupCase> select(Connection c, String sql, List<Object> args) throws SQLException {
        Map<Long, FollowupCase> cases = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FollowupCase k = row(rs);
                    cases.put(k.id(), k);
                }
            }
        }
        if (cases.isEmpty()) {
            return List.of();
        }
        Map<Long, List<CaseStep>> steps = steps(c, cases.keySet());
        List<FollowupCase> out = new ArrayList<>();
        for (FollowupCase k : cases.values()) {
            out.add(new FollowupCase(k.id(), k.site(), k.kiosk(), k.window(), k.staff(), k.ticket(), k.level(), k.reasons(),
                    k.ratedAt(), k.due(), k.state(), steps.getOrDefault(k.id(), List.of())));
        }
        return out;
    }

    private static FollowupCase row(ResultSet rs) throws SQLException {
        String reasons = rs.getString(8);
        return new FollowupCase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")),
                Instant.ofEpochMilli(rs.getLong(9)), LocalDate.parse(rs.getString(10)),
                CaseState.byName(rs.getString(11)).orElseThrow(), List.of());
    }

    private static Map<Long, List<CaseStep>> steps(Connection c, java.util.Collection<Long> ids) throws SQLException {
        Map<Long, List<CaseStep>> steps = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT case_id, step, user_name, at_ms, note, resident_view "
                    + "FROM case_steps WHERE case_id IN (" + marks + ") ORDER BY case_id, n")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String view = rs.getString(6);
                        steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new CaseStep(
                                StepKind.byName(rs.getString(2)).orElseThrow(), rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5),
                                view == null ? null : ResidentView.byName(view).orElseThrow()));
                    }
                }
            }
        }
        return steps;
    }
}
