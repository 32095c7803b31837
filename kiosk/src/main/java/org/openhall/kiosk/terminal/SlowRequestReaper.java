package org.openhall.kiosk.terminal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops connections whose request has not fully arrived in time (slowloris: a client that sends its headers
 * or body a byte at a time never trips an idle timeout). Jetty has no whole-request deadline, so each
 * {@link #sweep} looks at every connection's parser: one that has been between the first byte of a request
 * and its last for longer than the deadline is closed. Waiting for a new request (the idle timeout's job)
 * and handling a request that has arrived (a ticket being printed, an event stream) are not counted.
 * Called by one thread only.
 */
final class SlowRequestReaper {
    private static final Logger log = LoggerFactory.getLogger(SlowRequestReaper.class);

    private final Connector connector;
    private final long deadlineNanos;
    private final Map<EndPoint, Long> arrivingSince = new HashMap<>();
    private long dropped;

    SlowRequestReaper(Connector connector, long deadline, TimeUnit unit) {
        this.connector = connector;
        this.deadlineNanos = unit.toNanos(deadline);
    }

    /** @return how many connections this sweep closed */
    int sweep(long nowNanos) {
        int closed = 0;
        Map<EndPoint, Long> stillArriving = new HashMap<>();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (!(endPoint.getConnection() instanceof HttpConnection http) || !arriving(http.getParser())) {
                continue;
            }
            long since = arrivingSince.getOrDefault(endPoint, nowNanos);
            if (nowNanos - since >= deadlineNanos) {
                endPoint.close();
                closed++;
            } else {
                stillArriving.put(endPoint, since);
            }
        }
        arrivingSince.clear();
        arrivingSince.putAll(stillArriving);
        if (closed > 0) {
            dropped += closed;
            log.debug("dropped {} requests that did not arrive in time ({} so far)", closed, dropped);
        }
        return closed;
    }

    long dropped() {
        return dropped;
    }

    /** Between a request's first byte and its end: request line, headers, body, trailers. */
    private static boolean arriving(HttpParser parser) {
        HttpParser.State state = parser.getState();
        return state.ordinal() > HttpParser.State.START.ordinal() && state.ordinal() < HttpParser.State.END.ordinal();
    }
}
