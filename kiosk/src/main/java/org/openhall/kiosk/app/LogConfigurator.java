package org.openhall.kiosk.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logging configured in code rather than by an XML file: Logback's XML configurator loads about 600 classes
 * (its model, actions and the JDK's XML parser), some 3 MB of a Pi's memory, to read a dozen lines. An
 * administrator's file ({@code -Dlogback.configurationFile}, or {@code /etc/kiosk/logback.xml}, which
 * {@link Main} passes on) still wins: then this steps aside and Logback reads the file as usual.
 *
 * <p>No {@code @ConfiguratorRank}: the rank only orders several service configurators, and this is the only
 * one, while reading the annotation made the JVM spin two annotation proxies at every start (the proxy
 * generator and its share of the class-file API: 92 classes, loaded before the first log line).
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** Libraries whose INFO lines say nothing an operator needs; OFF: off a Pi, board detection logs bogus errors. */
    static final Map<String, Level> LEVELS = Map.of(
            "org.eclipse.paho", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "org.flywaydb.core.internal.command.DbMigrate", Level.INFO,
            "com.pi4j", Level.WARN,
            "com.pi4j.boardinfo", Level.OFF);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineEncoder encoder = new LineEncoder(System.getenv("JOURNAL_STREAM") != null, java.time.ZoneId.systemDefault());
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setEncoder(encoder);
        out.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(out);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
