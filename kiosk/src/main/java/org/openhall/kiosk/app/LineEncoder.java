package org.openhall.kiosk.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One line per event: {@code 09:15:02.123 INFO  Logger: message} on a terminal; under systemd (stdout the
 * journal) {@code <6>Logger: message}, the sd-daemon(3) priority first ({@code <3>} error, {@code <4>}
 * warning, {@code <6>} info, {@code <7>} debug), so that {@code journalctl -p warning} filters, and no time
 * (the journal has one). A stack trace's lines carry {@code <4>} so that they stay with their message.
 */
final class LineEncoder extends EncoderBase<ILoggingEvent> {
    private final boolean journal;
    private final ZoneId zone;

    LineEncoder(boolean journal, ZoneId zone) {
        this.journal = journal;
        this.zone = zone;
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return format(event).getBytes(StandardCharsets.UTF_8);
    }

    String format(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        if (journal) {
            line.append(priority(event.getLevel()));
        } else {
            appendTime(line, LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone));
            String level = event.getLevel().toString();
            line.append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
        }
        String logger = event.getLoggerName();
        line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(": ").append(event.getFormattedMessage())
                .append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            for (String traceLine : ThrowableProxyUtil.asString(thrown).split("\n")) {
                line.append(journal ? "<4>" : "").append(traceLine).append('\n');
            }
        }
        return line.toString();
    }

    private static void appendTime(StringBuilder line, LocalTime t) {
        two(line, t.getHour()).append(':');
        two(line, t.getMinute()).append(':');
        two(line, t.getSecond()).append('.');
        int ms = t.getNano() / 1_000_000;
        line.append(ms < 100 ? "0" : "").append(ms < 10 ? "0" : "").append(ms);
    }

    private static StringBuilder two(StringBuilder line, int n) {
        return line.append(n < 10 ? "0" : "").append(n);
    }

    static String priority(Level level) {
        int l = level.toInt();
        if (l >= Level.ERROR_INT) {
            return "<3>";
        }
        if (l >= Level.WARN_INT) {
            return "<4>";
        }
        return l >= Level.INFO_INT ? "<6>" : "<7>";
    }
}
