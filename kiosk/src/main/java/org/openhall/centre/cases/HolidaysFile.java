package org.openhall.centre.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code followup.holidays_file}: one day a line, {@code 2026-10-01 off} or {@code 2026-10-10 work};
 * blank lines and {@code #} comments are skipped. Any other line is an error naming its line number.
 */
public final class HolidaysFile {
    private HolidaysFile() {
    }

    /** Thrown for an unreadable file or a bad line; the message says which. */
    public static final class InvalidHolidaysException extends Exception {
        public InvalidHolidaysException(String message) {
            super(message);
        }
    }

    public static WorkingCalendar load(Path file) throws InvalidHolidaysException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidHolidaysException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(lines);
    }

    public static WorkingCalendar parse(List<String> lines) throws InvalidHolidaysException {
        Map<LocalDate, Boolean> overrides = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !(parts[1].equals("off") || parts[1].equals("work"))) {
                throw new InvalidHolidaysException("line " + (i + 1) + ": expected \"YYYY-MM-DD off\" or \"YYYY-MM-DD work\"");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(parts[0]);
            } catch (DateTimeParseException e) {
                throw new InvalidHolidaysException("line " + (i + 1) + ": not a date: " + parts[0]);
            }
            if (overrides.put(day, parts[1].equals("work")) != null) {
                throw new InvalidHolidaysException("line " + (i + 1) + ": " + day + " is listed twice");
            }
        }
        return new WorkingCalendar(overrides);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }
}
