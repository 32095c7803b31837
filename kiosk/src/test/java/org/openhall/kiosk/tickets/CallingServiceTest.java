package org.openhall.kiosk.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.testing.TestClock;

/** The life cycle of section 7: every transition and every refusal, on a real SQLite file and a test clock. */
class CallingServiceTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant MORNING = Instant.parse("2026-03-08T01:00:00Z");
    private static final String WINDOWS = """
            [[windows]]
            id = "1"
            categories = ["A"]
            [[windows]]
            id = "2"
            name = "二号窗口"
            [[windows]]
            id = "3"
            categories = ["B"]
            """;

    @TempDir
    Path dir;
    private TestClock clock;

    @BeforeEach
    void setUp() {
        clock = TestClock.fixed(MORNING, SHANGHAI);
    }

    private QueueFixture open() {
        return new QueueFixture(dir, clock, Printer.none(), WINDOWS);
    }

    private static void issue(QueueFixture q, String... categories) {
        for (String c : categories) {
            q.tickets.issue(c, false, "terminal");
        }
    }

    private static void refused(ThrowingCallable action, String code) {
        assertThatThrownBy(action).isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code()).isEqualTo(code);
    }

    private static long waiting(QueueFixture q, String category) {
        return q.tickets.queue().stream().filter(c -> c.code().equals(category)).findFirst().orElseThrow().waiting();
    }

    @Test
    void nextCallsFromTheWindowsCategoriesAndTheEventCarriesChannelRecallAndWait() {
        try (QueueFixture q = open()) {
            issue(q, "B", "A");
            clock.jump(Duration.ofSeconds(95));

            assertThat(q.calling.next("1", List.of(), "button")).isEqualTo("A001");
            assertThat(q.calling.next("3", List.of(), "counter")).isEqualTo("B001");
            JsonNode first = q.events("ticket.called").getFirst();
            assertThat(first.get("number").asText()).isEqualTo("A001");
            assertThat(first.get("window").asText()).isEqualTo("1");
            assertThat(first.get("channel").asText()).isEqualTo("button");
            assertThat(first.get("recall").asBoolean()).isFalse();
            assertThat(first.get("waitS").asLong()).isEqualTo(95);
            assertThat(first.size()).isEqualTo(5);
            assertThat(waiting(q, "A") + waiting(q, "B")).isZero();
            refused(() -> q.calling.next("1", List.of(), "button"), "queue_empty");
        }
    }

    @Test
    void aCallCompletesTheWindowsPreviousTicketWithItsServiceTime() {
        try (QueueFixture q = open()) {
            issue(q, "A", "A");
            q.calling.next("2", List.of(), "command");
            clock.jump(Duration.ofSeconds(300));
            q.calling.next("2", List.of(), "command");

            JsonNode done = q.events("ticket.completed").getFirst();
            assertThat(done.get("number").asText()).isEqualTo("A001");
            assertThat(done.get("window").asText()).isEqualTo("2");
            assertThat(done.get("serviceS").asLong()).isEqualTo(300);
            assertThat(q.calling.status("2").orElseThrow().called()).isEqualTo("A002");
        }
    }

    @Test
    void recallAnnouncesAgainKeepsTheWaitAndRestartsTheServiceTime() {
        try (QueueFixture q = open()) {
            refused(() -> q.calling.recall("1", "command"), "nothing_called");
            issue(q, "A");
            clock.jump(Duration.ofSeconds(10));
            q.calling.next("1", List.of(), "command");
            clock.jump(Duration.ofSeconds(40));
            assertThat(q.calling.recall("1", "button")).isEqualTo("A001");
            clock.jump(Duration.ofSeconds(20));
            q.calling.complete("1");

            List<JsonNode> calls = q.events("ticket.called");
            assertThat(calls).hasSize(2);
            assertThat(calls.get(1).get("recall").asBoolean()).isTrue();
            assertThat(calls.get(1).get("waitS").asLong()).as("issue to first call").isEqualTo(10);
            assertThat(q.events("ticket.completed").getFirst().get("serviceS").asLong()).as("from the last call").isEqualTo(20);
            assertThat(q.calling.recentCalls(10)).extracting(c -> c.number() + (c.recall() ? " again" : ""))
                    .containsExactly("A001 again", "A001");
        }
    }

    @Test
    void aNoShowWaitsNoMoreAndCanBeCalledByNumberLater() {
        try (QueueFixture q = open()) {
            refused(() -> q.calling.noShow("1"), "nothing_called");
            issue(q, "A", "A");
            q.calling.next("1", List.of(), "command");
            assertThat(q.calling.noShow("1")).isEqualTo("A001");

            assertThat(q.events("ticket.no_show")).extracting(d -> d.toString())
                    .containsExactly("{\"number\":\"A001\",\"window\":\"1\"}");
            assertThat(q.calling.status("1").orElseThrow().called()).isNull();
            assertThat(waiting(q, "A")).isEqualTo(1);
            refused(() -> q.calling.noShow("1"), "nothing_called");
            assertThat(q.calling.next("1", List.of(), "command")).as("the no-show is skipped").isEqualTo("A002");
            assertThat(q.calling.callNumber("2", "A001", "counter")).isEqualTo("A001");
            assertThat(q.events("ticket.called").getLast().get("channel").asText()).isEqualTo("counter");
            assertThat(q.events("ticket.completed")).as("a no-show is not completed").isEmpty();
        }
    }

    @Test
    void callByNumberTakesAWaitingTicketOutOfOrderAndRefusesOthers() {
        try (QueueFixture q = open()) {
            issue(q, "A", "A", "A");
            assertThat(q.calling.callNumber("1", "A003", "command")).isEqualTo("A003");
            assertThat(q.calling.next("2", List.of(), "command")).isEqualTo("A001");
            int events = q.events("ticket.called").size();

            refused(() -> q.calling.callNumber("1", "A003", "command"), "invalid_argument"); // called already
            refused(() -> q.calling.callNumber("1", "A009", "command"), "invalid_argument"); // never issued
            q.calling.complete("2");
            refused(() -> q.calling.callNumber("1", "A001", "command"), "invalid_argument"); // completed
            assertThat(q.events("ticket.called")).hasSize(events);
            assertThat(q.calling.status("1").orElseThrow().called()).isEqualTo("A003");
        }
    }

    @Test
    void completeFinishesTheTicketOnce() {
        try (QueueFixture q = open()) {
            refused(() -> q.calling.complete("1"), "nothing_called");
            issue(q, "A");
            q.calling.next("1", List.of(), "command");
            clock.jump(Duration.ofSeconds(61));
            assertThat(q.calling.complete("1")).isEqualTo("A001");
            assertThat(q.events("ticket.completed").getFirst().get("serviceS").asLong()).isEqualTo(61);
            refused(() -> q.calling.complete("1"), "nothing_called");
            refused(() -> q.calling.recall("1", "command"), "nothing_called");
        }
    }

    @Test
    void aTransferredTicketKeepsItsNumberAndWaitsFirstInTheOtherQueue() {
        try (QueueFixture q = open()) {
            issue(q, "A", "B", "B");
            q.calling.next("1", List.of(), "command");
            refused(() -> q.calling.transfer("1", "Z"), "invalid_argument");
            assertThat(q.calling.status("1").orElseThrow().called()).isEqualTo("A001");

            assertThat(q.calling.transfer("1", "B")).isEqualTo("A001");
            JsonNode moved = q.events("ticket.transferred").getFirst();
            assertThat(moved.toString()).isEqualTo(
                    "{\"number\":\"A001\",\"window\":\"1\",\"fromCategory\":\"A\",\"toCategory\":\"B\"}");
            assertThat(waiting(q, "A")).isZero();
            assertThat(waiting(q, "B")).isEqualTo(3);
            assertThat(q.tickets.issue("B", true, "terminal").ahead()).as("a priority ticket waits behind a transfer")
                    .isEqualTo(1);
            assertThat(q.calling.status("1").orElseThrow().called()).isNull();
            refused(() -> q.calling.transfer("1", "B"), "nothing_called");

            assertThat(q.calling.next("3", List.of(), "command")).isEqualTo("A001");
            assertThat(q.events("ticket.called").getLast().get("waitS").asLong()).as("still its first call").isZero();
            assertThat(q.calling.next("3", List.of(), "command")).isEqualTo("B003");
            assertThat(q.tickets.issue("B", false, "terminal").number()).as("B's numbering is untouched").isEqualTo("B004");
        }
    }

    @Test
    void aPausedWindowCallsNothingUntilResumedAndTheResumeSaysForHowLong() {
        try (QueueFixture q = open()) {
            issue(q, "A", "A");
            refused(() -> q.calling.resume("1"), "not_paused");
            q.calling.pause("1");
            refused(() -> q.calling.pause("1"), "already_paused");
            refused(() -> q.calling.next("1", List.of(), "button"), "window_paused");
            refused(() -> q.calling.callNumber("1", "A002", "counter"), "window_paused");
            assertThat(q.calling.status("1").orElseThrow().paused()).isTrue();
            assertThat(q.calling.status("2").orElseThrow().paused()).isFalse();
            assertThat(q.calling.next("2", List.of(), "command")).as("other windows go on").isEqualTo("A001");

            clock.jump(Duration.ofMinutes(12));
            assertThat(q.calling.resume("1")).isEqualTo(720);
            assertThat(q.events("window.paused")).extracting(JsonNode::toString).containsExactly("{\"window\":\"1\"}");
            assertThat(q.events("window.resumed")).extracting(JsonNode::toString)
                    .containsExactly("{\"window\":\"1\",\"pausedS\":720}");
            assertThat(q.calling.next("1", List.of(), "button")).isEqualTo("A002");
        }
    }

    @Test
    void anUnknownWindowIsRefusedForEveryActionAndNothingIsRecorded() {
        try (QueueFixture q = open()) {
            issue(q, "A");
            int before = q.outbox.page(-1, 0, 10_000).size();
            refused(() -> q.calling.next("9", List.of(), "command"), "unknown_window");
            refused(() -> q.calling.callNumber("9", "A001", "command"), "unknown_window");
            refused(() -> q.calling.recall("9", "command"), "unknown_window");
            refused(() -> q.calling.noShow("9"), "unknown_window");
            refused(() -> q.calling.complete("9"), "unknown_window");
            refused(() -> q.calling.transfer("9", "B"), "unknown_window");
            refused(() -> q.calling.pause("9"), "unknown_window");
            refused(() -> q.calling.resume("9"), "unknown_window");
            assertThat(q.outbox.page(-1, 0, 10_000)).hasSize(before);
            assertThat(waiting(q, "A")).isEqualTo(1);
        }
    }

    @Test
    void withoutConfiguredWindowsAnyWindowServesEveryCategory() {
        try (QueueFixture q = new QueueFixture(dir, clock, Printer.none())) {
            issue(q, "B");
            assertThat(q.calling.windows()).isEmpty();
            assertThat(q.calling.next("7", List.of(), "command")).isEqualTo("B001");
            assertThat(q.calling.recentCalls(5).getFirst().windowName()).isEqualTo("7号窗口");
        }
    }

    @Test
    void whoIsCalledWhereAndPausesSurviveARestart() {
        try (QueueFixture q = open()) {
            issue(q, "A", "B");
            q.calling.next("1", List.of(), "command");
            q.calling.pause("3");
        }
        clock.jump(Duration.ofSeconds(30));
        try (QueueFixture q = open()) {
            assertThat(q.calling.status("1").orElseThrow().called()).isEqualTo("A001");
            assertThat(q.calling.status("3").orElseThrow().paused()).isTrue();
            assertThat(q.calling.resume("3")).isEqualTo(30);
            assertThat(q.calling.recall("1", "command")).isEqualTo("A001");
            assertThat(q.calling.recentCalls(10)).extracting(Call::number).containsExactly("A001", "A001");
        }
    }

    @Test
    void listenersHearCallsAfterTheirCommitWithTheWindowsName() {
        try (QueueFixture q = open()) {
            List<Call> heard = new ArrayList<>();
            List<String> invites = new ArrayList<>();
            q.calling.onCall(heard::add);
            q.calling.onCalled((window, number) -> invites.add(window + ":" + number));
            issue(q, "A");
            q.calling.next("2", List.of(), "command");
            q.calling.recall("2", "command");

            assertThat(heard).extracting(c -> c.number() + "@" + c.windowName() + (c.recall() ? "!" : ""))
                    .containsExactly("A001@二号窗口", "A001@二号窗口!");
            assertThat(invites).containsExactly("2:A001", "2:A001");
        }
    }

    @Test
    void twoWindowsCallingAtOnceNeverGetTheSameTicket() throws Exception {
        try (QueueFixture q = open()) {
            for (int i = 0; i < 60; i++) {
                issue(q, "A");
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<String>>> windows = new ArrayList<>();
                for (String window : List.of("1", "2")) {
                    windows.add(pool.submit(() -> {
                        start.await();
                        List<String> got = new ArrayList<>();
                        for (int i = 0; i < 30; i++) {
                            got.add(q.calling.next(window, List.of(), "button"));
                        }
                        return got;
                    }));
                }
                start.countDown();
                List<String> all = new ArrayList<>(windows.get(0).get());
                all.addAll(windows.get(1).get());
                assertThat(new HashSet<>(all)).hasSize(60);
                List<String> sorted = new ArrayList<>(all);
                Collections.sort(sorted);
                assertThat(sorted.getFirst()).isEqualTo("A001");
                assertThat(sorted.getLast()).isEqualTo("A060");
            } finally {
                pool.shutdownNow();
            }
            assertThat(waiting(q, "A")).isZero();
        }
    }

    @Test
    void aKeyAndTheClerkPageOfOneWindowActingTogetherLeaveOneCalledTicket() throws Exception {
        try (QueueFixture q = open()) {
            for (int i = 0; i < 40; i++) {
                issue(q, "A");
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (String channel : List.of("button", "counter")) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 20; i++) {
                            q.calling.next("2", List.of(), channel);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(q.events("ticket.called")).hasSize(40);
            assertThat(q.events("ticket.completed")).as("every call but the last completed its predecessor").hasSize(39);
            String last = q.events("ticket.called").getLast().get("number").asText();
            assertThat(q.calling.status("2").orElseThrow().called()).isEqualTo(last);
            assertThat(q.events("ticket.completed")).extracting(d -> d.get("number").asText()).doesNotContain(last)
                    .doesNotHaveDuplicates();
        }
    }
}
