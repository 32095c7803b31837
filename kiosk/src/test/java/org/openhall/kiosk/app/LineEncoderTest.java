package org.openhall.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LineEncoderTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(Level level, String message, Throwable thrown, Object... args) {
        LoggingEvent e = new LoggingEvent("x", context.getLogger("org.openhall.kiosk.tickets.TicketService"), level, message,
                thrown, args);
        e.setTimeStamp(ZonedDateTime.of(2026, 3, 8, 9, 5, 2, 7_000_000, ZONE).toInstant().toEpochMilli());
        return e;
    }

    @Test
    void aTerminalLineHasTheTimeTheLevelAndTheShortLoggerName() {
        LineEncoder encoder = new LineEncoder(false, ZONE);
        assertThat(encoder.format(event(Level.INFO, "issued {}", null, "A001")))
                .isEqualTo("09:05:02.007 INFO  TicketService: issued A001\n");
        assertThat(encoder.format(event(Level.ERROR, "x", null))).startsWith("09:05:02.007 ERROR TicketService: x");
    }

    @Test
    void aJournalLineStartsWithItsPriorityAndTheTraceStaysWithIt() {
        LineEncoder encoder = new LineEncoder(true, ZONE);
        assertThat(encoder.format(event(Level.WARN, "slow", null))).isEqualTo("<4>TicketService: slow\n");
        assertThat(encoder.format(event(Level.DEBUG, "d", null))).startsWith("<7>");
        String withTrace = encoder.format(event(Level.ERROR, "failed", new IllegalStateException("boom")));
        assertThat(withTrace).startsWith("<3>TicketService: failed\n<4>java.lang.IllegalStateException: boom\n<4>\tat ");
        assertThat(withTrace.lines()).allMatch(l -> l.startsWith("<3>") || l.startsWith("<4>"));
    }

    @Test
    void theConfiguratorSetsTheLibrariesLevelsAndStepsAsideForAnAdministratorsFile() {
        LoggerContext fresh = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(fresh);
        assertThat(configurator.configure(fresh)).isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(fresh.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(fresh.getLogger("org.openhall.kiosk.x").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(fresh.getLogger("org.flywaydb.core.internal.command.DbMigrate").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(fresh.getLogger("ROOT").getAppender("OUT")).isNotNull();
        System.setProperty("logback.configurationFile", "/etc/kiosk/logback.xml");
        try {
            assertThat(configurator.configure(new LoggerContext()))
                    .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
