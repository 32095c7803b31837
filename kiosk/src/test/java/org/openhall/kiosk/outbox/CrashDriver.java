package org.openhall.kiosk.outbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.mqtt.MqttLink;
import org.openhall.kiosk.testing.OutboxRig;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The daemon side of {@link OutboxCrashIT}, run in a child JVM that the test kills with SIGKILL: appends
 * {@code count} ticket events in transactions of {@code batch}, printing "SEQ seq id" after each commit
 * returned (the moment a kiosk would tell anyone), then "APPENDED", then keeps relaying until killed.
 *
 * <p>Arguments: dataDir brokerUrl count batch burst. A burst starts appending once the link is up (a live
 * relay beside the commits); otherwise the link starts after the last commit (a backlog the relay drains).
 */
public final class CrashDriver {
    private CrashDriver() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        boolean burst = Boolean.parseBoolean(args[4]);
        KioskConfig config = TestKiosk.config(TestKiosk.baseToml("crash-01", dir, args[1]));
        OutboxRig rig = OutboxRig.startWithoutLink(config, Clock.systemUTC(), MqttLink.RELAY_WINDOW);
        if (burst) {
            rig.startLink();
        }
        PrintStream out = System.out;
        for (int i = 0; burst && i < 100 && !rig.link().connected(); i++) {
            Thread.sleep(50);
        }
        for (int done = 0; done < count; done += batch) {
            int first = done;
            List<Event> committed = rig.database().transaction(tx -> {
                List<Event> events = new ArrayList<>();
                for (int i = first; i < first + batch; i++) {
                    events.add(tx.append(EventType.TICKET_CALLED,
                            OutboxRig.data("number", "A" + (100 + i % 900), "window", "1")));
                }
                return events;
            });
            StringBuilder lines = new StringBuilder();
            for (Event e : committed) {
                lines.append("SEQ ").append(e.seq()).append(' ').append(e.id()).append('\n');
            }
            out.print(lines);
            out.flush();
        }
        out.println("APPENDED");
        out.flush();
        if (!burst) {
            rig.startLink();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
