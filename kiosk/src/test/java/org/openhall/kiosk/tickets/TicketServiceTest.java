package org.openhall.kiosk.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.config.Category;
import org.openhall.kiosk.printer.FilePrinterLink;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.testing.TestClock;

class TicketServiceTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-03-08 09:00 in Shanghai. */
    private static final Instant MORNING = Instant.parse("2026-03-08T01:00:00Z");

    @TempDir
    Path dir;
    private TestClock clock;
    private Path paper;

    @BeforeEach
    void setUp() {
        clock = TestClock.fixed(MORNING, SHANGHAI);
        paper = dir.resolve("paper.bin");
    }

    private QueueFixture open() {
        return new QueueFixture(dir, clock, new Printer(FilePrinterLink.file(paper), true));
    }

    @Test
    void numbersStartAt001PerCategoryAndCarryCodeAndThreeDigits() {
        try (QueueFixture q = open()) {
            assertThat(q.tickets.issue("A", false, "terminal").number()).isEqualTo("A001");
            assertThat(q.tickets.issue("A", false, "button").number()).isEqualTo("A002");
            assertThat(q.tickets.issue("B", false, "terminal").number()).isEqualTo("B001");
        }
        assertThat(TicketService.number("A", 999)).isEqualTo("A999");
        assertThat(TicketService.number("A", 1000)).isEqualTo("A1000");
    }

    @Test
    void aTicketIsPrintedAndItsEventCarriesTheContractFields() throws Exception {
        try (QueueFixture q = open()) {
            IssuedTicket t = q.tickets.issue("A", false, "terminal");

            assertThat(t.printed()).isTrue();
            assertThat(Files.size(paper)).isPositive();
            JsonNode data = q.events("ticket.issued").getFirst();
            assertThat(data.get("ticketId").asText()).isEqualTo(t.ticketId());
            assertThat(data.get("number").asText()).isEqualTo("A001");
            assertThat(data.get("category").asText()).isEqualTo("A");
            assertThat(data.get("categoryName").asText()).isEqualTo("综合受理");
            assertThat(data.get("priority").asBoolean()).isFalse();
            assertThat(data.get("ahead").asInt()).isZero();
            assertThat(data.get("waitMinutes").isNull()).isTrue();
            assertThat(data.get("serviceDay").asText()).isEqualTo("2026-03-08");
            assertThat(data.get("channel").asText()).isEqualTo("terminal");
            assertThat(data.get("printed").asBoolean()).isTrue();
            assertThat(data.size()).isEqualTo(10);
        }
    }

    @Test
    void numberingRestartsAt001WhenTheServiceDayChangesInTheKioskTimezone() {
        clock.set(Instant.parse("2026-03-08T15:59:00Z")); // 23:59 in Shanghai, still the 8th
        try (QueueFixture q = open()) {
            assertThat(q.tickets.issue("A", false, "terminal").number()).isEqualTo("A001");
            assertThat(q.tickets.issue("A", false, "terminal").number()).isEqualTo("A002");

            clock.jump(Duration.ofMinutes(2)); // 00:01 on the 9th in Shanghai, still the 8th in UTC
            IssuedTicket next = q.tickets.issue("A", false, "terminal");

            assertThat(next.number()).isEqualTo("A001");
            assertThat(next.serviceDay()).isEqualTo(LocalDate.of(2026, 3, 9));
            assertThat(q.tickets.ticketsToday()).isEqualTo(1);
            assertThat(q.tickets.queue().getFirst().waiting()).as("yesterday's line is closed").isEqualTo(1);
        }
    }

    @Test
    void aBackwardClockJumpKeepsTheServiceDayAndKeepsCounting() {
        try (QueueFixture q = open()) {
            q.tickets.issue("A", false, "terminal");
            q.tickets.issue("A", false, "terminal");

            clock.jump(Duration.ofDays(-3)); // a Pi without RTC before NTP
            IssuedTicket afterJump = q.tickets.issue("A", false, "terminal");

            assertThat(afterJump.number()).isEqualTo("A003");
            assertThat(afterJump.serviceDay()).isEqualTo(LocalDate.of(2026, 3, 8));
            assertThat(q.tickets.ticketsToday()).isEqualTo(3);

            clock.set(MORNING.plus(Duration.ofDays(1))); // NTP synced, next real day
            assertThat(q.tickets.issue("A", false, "terminal").number()).isEqualTo("A001");
        }
    }

    @Test
    void aBackwardJumpAcrossARestartStillKeepsTheDay() {
        try (QueueFixture q = open()) {
            q.tickets.issue("A", false, "terminal");
        }
        clock.jump(Duration.ofDays(-1));
        try (QueueFixture q = open()) {
            IssuedTicket t = q.tickets.issue("A", false, "terminal");
            assertThat(t.number()).isEqualTo("A002");
            assertThat(t.serviceDay()).isEqualTo(LocalDate.of(2026, 3, 8));
        }
    }

    @Test
    void aRestartKeepsNumbersAndTheWaitingLine() {
        try (QueueFixture q = open()) {
            q.tickets.issue("A", false, "terminal");
            q.tickets.issue("A", false, "terminal");
        }
        try (QueueFixture q = open()) {
            assertThat(q.tickets.queue().getFirst().waiting()).isEqualTo(2);
            assertThat(q.tickets.issue("A", false, "terminal").number()).isEqualTo("A003");
            assertThat(q.call("1", List.of())).contains("A001");
        }
    }

    @Test
    void priorityTicketsAreCalledFirstThenTheOldest() {
        try (QueueFixture q = open()) {
            q.tickets.issue("A", false, "terminal");
            q.tickets.issue("B", false, "terminal");
            IssuedTicket elder = q.tickets.issue("A", true, "terminal");
            assertThat(elder.ahead()).as("only priority tickets are ahead of a priority ticket").isZero();
            assertThat(q.tickets.issue("A", false, "terminal").ahead()).isEqualTo(2);

            assertThat(q.call("1", List.of())).contains("A002");
            assertThat(q.call("1", List.of("B"))).contains("B001");
            assertThat(q.call("2", List.of())).contains("A001");
            assertThat(q.call("2", List.of("B"))).isEmpty();
            assertThat(q.call("2", List.of("A", "B"))).contains("A003");
            assertThat(q.call("2", List.of())).isEmpty();
            assertThat(q.events("ticket.called")).extracting(d -> d.get("number").asText() + "@" + d.get("window").asText())
                    .containsExactly("A002@1", "B001@1", "A001@2", "A003@2");
        }
    }

    @Test
    void waitMinutesIsUnknownUntilTwoCallsGiveAnInterval() {
        try (QueueFixture q = open()) {
            for (int i = 0; i < 4; i++) {
                q.tickets.issue("A", false, "terminal");
            }
            q.call("1", List.of());
            assertThat(q.tickets.issue("A", false, "terminal").waitMinutes()).isNull();
            clock.jump(Duration.ofMinutes(4));
            q.call("1", List.of());
            clock.jump(Duration.ofMinutes(6));
            q.call("1", List.of());

            IssuedTicket t = q.tickets.issue("A", false, "terminal");
            assertThat(t.ahead()).isEqualTo(2); // A004 and A005 still wait
            assertThat(t.waitMinutes()).as("2 ahead x 5 min mean interval").isEqualTo(10);
        }
    }

    @Test
    void unknownCategoryIsRefusedAndUsesNoNumber() {
        try (QueueFixture q = open()) {
            assertThatThrownBy(() -> q.tickets.issue("Z", false, "terminal"))
                    .isInstanceOf(RefusedException.class)
                    .extracting(e -> ((RefusedException) e).code()).isEqualTo("unknown_category");
            assertThat(q.tickets.ticketsToday()).isZero();
            assertThat(q.events("ticket.issued")).isEmpty();
        }
    }

    @Test
    void withoutAPrinterTicketsAreIssuedHonestlyUnprinted() {
        try (QueueFixture q = new QueueFixture(dir, clock, Printer.none())) {
            IssuedTicket t = q.tickets.issue("A", false, "terminal");

            assertThat(t.printed()).isFalse();
            assertThat(q.events("ticket.issued").getFirst().get("printed").asBoolean()).isFalse();
            assertThatThrownBy(() -> q.tickets.reprint("A001")).extracting(e -> ((RefusedException) e).code())
                    .isEqualTo("printer_unavailable");
            assertThatThrownBy(q.tickets::printTestPage).extracting(e -> ((RefusedException) e).code())
                    .isEqualTo("printer_unavailable");
        }
    }

    @Test
    void aPrintThatFailsAfterTheNumberLeavesTheTicketIssuedUnprintedWithAnAlert() {
        // /dev/full opens like a device and fails every write (ENOSPC): a printer dying mid-ticket
        try (QueueFixture q = new QueueFixture(dir, clock, new Printer(FilePrinterLink.device(Path.of("/dev/full")), true))) {
            IssuedTicket t = q.tickets.issue("A", false, "terminal");

            assertThat(t.number()).isEqualTo("A001");
            assertThat(t.printed()).isFalse();
            assertThat(q.events("alert")).singleElement().satisfies(a -> {
                assertThat(a.get("kind").asText()).isEqualTo("printer");
                assertThat(a.get("message").asText()).contains("A001").contains("reprint");
            });
            assertThat(q.tickets.queue().getFirst().waiting()).isEqualTo(1);
            assertThatThrownBy(() -> q.tickets.reprint("A001")).extracting(e -> ((RefusedException) e).code())
                    .isEqualTo("printer_unavailable");
        }
    }

    @Test
    void reprintPrintsTodaysTicketAgainAndRefusesUnknownNumbers() throws Exception {
        try (QueueFixture q = open()) {
            q.tickets.issue("A", false, "terminal");
            long once = Files.size(paper);

            q.tickets.reprint("A001");

            assertThat(Files.size(paper)).isGreaterThan(2 * once - 1);
            assertThat(new String(Files.readAllBytes(paper), "GB18030")).contains("补打 Reprint");
            assertThatThrownBy(() -> q.tickets.reprint("A002")).extracting(e -> ((RefusedException) e).code())
                    .isEqualTo("invalid_argument");
            clock.jump(Duration.ofDays(1));
            assertThatThrownBy(() -> q.tickets.reprint("A001")).as("only today's")
                    .extracting(e -> ((RefusedException) e).code()).isEqualTo("invalid_argument");
        }
    }

    @Test
    void replacedCategoriesTakeEffectAtOnceAndSurviveARestart() {
        AtomicInteger changes = new AtomicInteger();
        try (QueueFixture q = open()) {
            q.tickets.onChange(changes::incrementAndGet);
            q.tickets.replaceCategories(List.of(new Category("C", "出入境", "Exit and entry")));

            assertThat(q.tickets.issue("C", false, "command").number()).isEqualTo("C001");
            assertThatThrownBy(() -> q.tickets.issue("A", false, "terminal"))
                    .extracting(e -> ((RefusedException) e).code()).isEqualTo("unknown_category");
            assertThatThrownBy(() -> q.tickets.replaceCategories(List.of()))
                    .extracting(e -> ((RefusedException) e).code()).isEqualTo("invalid_argument");
            assertThat(changes.get()).isEqualTo(2);
        }
        try (QueueFixture q = open()) {
            assertThat(q.tickets.categories()).extracting(Category::code).containsExactly("C");
            assertThat(q.tickets.queue()).singleElement().satisfies(c -> assertThat(c.waiting()).isEqualTo(1));
        }
    }

    @Test
    void printTestPageWritesToThePrinter() throws Exception {
        try (QueueFixture q = open()) {
            q.tickets.printTestPage();
            assertThat(new String(Files.readAllBytes(paper), "GB18030")).contains("打印测试 Printer test");
        }
    }
}
