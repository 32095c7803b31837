package org.openhall.kiosk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.printer.FilePrinterLink;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.testing.TestClock;

class TicketButtonTest {
    @TempDir
    Path dir;

    @Test
    void onePressOneTicketAndRepeatedPressesInsideTheGuardAreIgnored() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        List<Runnable> queued = new ArrayList<>();
        Executor later = queued::add;
        try (QueueFixture q = new QueueFixture(dir, TestClock.fixed(Instant.parse("2026-03-08T01:00:00Z"), ZoneId.of("Asia/Shanghai")),
                new Printer(FilePrinterLink.file(dir.resolve("paper.bin")), true))) {
            TicketButton button = new TicketButton(q.tickets, "B", later, nanos::get);

            button.pressed();
            button.pressed(); // while the first is still being issued
            assertThat(queued).hasSize(1);
            queued.removeFirst().run();
            nanos.addAndGet(TicketButton.GUARD.toNanos() - 1);
            button.pressed(); // the resident presses again because the printer is slow
            assertThat(queued).isEmpty();
            nanos.addAndGet(2);
            button.pressed();
            queued.removeFirst().run();

            assertThat(q.events("ticket.issued")).extracting(e -> e.get("number").asText() + "/" + e.get("channel").asText())
                    .containsExactly("B001/button", "B002/button");
        }
    }
}
