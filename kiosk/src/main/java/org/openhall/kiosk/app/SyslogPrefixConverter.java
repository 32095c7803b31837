package org.openhall.kiosk.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Prefixes each line with its syslog priority ({@code <3>} error … {@code <7>} debug) when stdout is the
 * journal, which systemd announces with {@code JOURNAL_STREAM}; prints nothing otherwise.
 */
public final class SyslogPrefixConverter extends ClassicConverter {
    private final boolean journal = System.getenv("JOURNAL_STREAM") != null;

    @Override
    public String convert(ILoggingEvent event) {
        if (!journal) {
            return "";
        }
        int level = event.getLevel().toInt();
        if (level >= Level.ERROR_INT) {
            return "<3>";
        }
        if (level >= Level.WARN_INT) {
            return "<4>";
        }
        if (level >= Level.INFO_INT) {
            return "<6>";
        }
        return "<7>";
    }
}
