package org.openhall.kiosk.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openhall.kiosk.ratings.RatingsFixture.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openhall.kiosk.refusals.RefusedException;

class RatingServiceTest {
    @TempDir
    Path dir;

    private RatingsFixture fixture(int lockoutS, boolean requireInvite, int inviteS) {
        return new RatingsFixture(dir, 1000, evaluator("1", lockoutS, requireInvite, inviteS));
    }

    @ParameterizedTest
    @CsvSource({"very_satisfied,5,good", "satisfied,4,good", "basically_satisfied,3,good", "dissatisfied,2,bad",
            "very_dissatisfied,1,bad"})
    void eachLevelCarriesItsScoreAndVerdict(String level, int score, String verdict) throws Exception {
        try (RatingsFixture f = fixture(3, false, 60)) {
            JsonNode answer = f.ratings.rate("1", level, "terminal");

            JsonNode stored = f.events("rating.submitted").getFirst();
            assertThat(stored).isEqualTo(answer);
            assertThat(stored.get("level").asText()).isEqualTo(level);
            assertThat(stored.get("score").asInt()).isEqualTo(score);
            assertThat(stored.get("verdict").asText()).isEqualTo(verdict);
            assertThat(stored.get("channel").asText()).isEqualTo("terminal");
            assertThat(stored.get("ticket").isNull()).isTrue();
            assertThat(stored.get("staff").isNull()).isTrue();
        }
    }

    @Test
    void badRatingCommitsItsAlertInTheSameTransactionNamingWindowAndLevel() throws Exception {
        try (RatingsFixture f = fixture(0, false, 60)) {
            f.ratings.rate("1", "satisfied", "terminal");
            f.ratings.rate("1", "very_dissatisfied", "terminal");

            List<JsonNode> alerts = f.envelopes("alert");
            assertThat(alerts).hasSize(1);
            JsonNode bad = f.envelopes("rating.submitted").get(1);
            assertThat(alerts.getFirst().get("seq").asLong()).isEqualTo(bad.get("seq").asLong() + 1);
            assertThat(alerts.getFirst().get("data").get("kind").asText()).isEqualTo("bad_rating");
            assertThat(alerts.getFirst().get("data").get("message").asText()).contains("window 1", "very_dissatisfied");
        }
    }

    @Test
    void ratingInsideLockoutIsRefusedAndExactlyAtLockoutAccepted() throws Exception {
        try (RatingsFixture f = fixture(3, false, 60)) {
            f.ratings.rate("1", "satisfied", "terminal");
            f.time.advance(Duration.ofMillis(2_999));
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("locked_out"));
            f.time.advance(Duration.ofMillis(1));
            f.ratings.rate("1", "dissatisfied", "terminal");

            assertThat(f.events("rating.submitted")).extracting(d -> d.get("level").asText())
                    .containsExactly("satisfied", "dissatisfied");
        }
    }

    @Test
    void aWallClockJumpingBackDuringLockoutDoesNotLockTheEvaluator() throws Exception {
        try (RatingsFixture f = fixture(3, false, 60)) {
            f.press(RatingsFixture.FIVE.get("satisfied"));
            f.time.jumpWallClock(Duration.ofHours(-1)); // NTP steps an unsynchronised Pi back an hour
            f.time.advance(Duration.ofSeconds(3));
            f.press(RatingsFixture.FIVE.get("dissatisfied"));
            assertThat(f.events("rating.submitted")).extracting(d -> d.get("level").asText())
                    .as("3 s after the first rating on the monotonic clock, though the wall clock is 59 min before it")
                    .containsExactly("satisfied", "dissatisfied");
        }
    }

    @Test
    void aWallClockJumpingForwardDoesNotEndTheLockout() throws Exception {
        try (RatingsFixture f = fixture(3, false, 60)) {
            f.press(RatingsFixture.FIVE.get("satisfied"));
            f.time.jumpWallClock(Duration.ofHours(1));
            f.press(RatingsFixture.FIVE.get("dissatisfied"));
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("locked_out"));
            assertThat(f.events("rating.submitted")).hasSize(1);
        }
    }

    @Test
    void aWallClockJumpingBackDoesNotStretchAnInvite() throws Exception {
        try (RatingsFixture f = fixture(0, true, 60)) {
            f.ratings.serving("1", "A001", null);
            f.time.jumpWallClock(Duration.ofHours(-1));
            f.time.advance(Duration.ofSeconds(60));
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("no_invite"));
            assertThat(f.events("rating.submitted")).isEmpty();
        }
    }

    @Test
    void lockoutZeroMeansBackToBackRatingsCount() throws Exception {
        try (RatingsFixture f = fixture(0, false, 60)) {
            f.ratings.rate("1", "satisfied", "terminal");
            f.ratings.rate("1", "satisfied", "terminal");
            assertThat(f.events("rating.submitted")).hasSize(2);
        }
    }

    @Test
    void unknownWindowAndLevelAreRefusedAndNothingIsStored() {
        try (RatingsFixture f = fixture(3, false, 60)) {
            assertThatThrownBy(() -> f.ratings.rate("9", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("unknown_window"));
            assertThatThrownBy(() -> f.ratings.rate("1", "great", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("unknown_level"));
            assertThat(f.outbox.depth()).isZero();
            assertThat(f.ratings.ratingsToday()).isZero();
        }
    }

    @Test
    void withRequireInviteOnlyOneRatingPerServiceCounts() throws Exception {
        try (RatingsFixture f = fixture(0, true, 60)) {
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("no_invite"));
            f.ratings.serving("1", "A001", "0042");
            f.ratings.rate("1", "satisfied", "terminal");
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("no_invite"));
            f.ratings.called("1", "A002");
            f.ratings.rate("1", "very_satisfied", "terminal");
            assertThat(f.events("rating.submitted")).extracting(d -> d.get("ticket").asText()).containsExactly("A001", "A002");
        }
    }

    @Test
    void inviteExpiresExactlyAtInviteSeconds() throws Exception {
        try (RatingsFixture f = fixture(0, true, 60)) {
            f.ratings.serving("1", "A001", null);
            f.time.advance(Duration.ofMillis(59_999));
            f.ratings.rate("1", "satisfied", "terminal");

            f.ratings.serving("1", "A002", null);
            f.time.advance(Duration.ofSeconds(60));
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("no_invite"));
            assertThat(f.events("rating.submitted")).hasSize(1);
        }
    }

    @Test
    void attributionHoldsUntilReplacedByTheNextServingOrCall() throws Exception {
        try (RatingsFixture f = fixture(0, false, 60)) {
            f.ratings.serving("1", "A001", "0042");
            f.ratings.rate("1", "satisfied", "terminal");
            f.ratings.rate("1", "satisfied", "terminal");
            f.ratings.called("1", "B007");
            f.ratings.rate("1", "satisfied", "terminal");
            f.ratings.serving("1", "A003", "0077");
            f.ratings.rate("1", "satisfied", "terminal");

            List<JsonNode> rated = f.events("rating.submitted");
            assertThat(rated).extracting(d -> d.get("ticket").asText()).containsExactly("A001", "A001", "B007", "A003");
            assertThat(rated).extracting(d -> d.get("staff").isNull() ? null : d.get("staff").asText())
                    .containsExactly("0042", "0042", null, "0077");
        }
    }

    @Test
    void servingForAWindowWithoutEvaluatorIsAnInvalidArgumentButACallThereIsNormal() {
        try (RatingsFixture f = fixture(0, false, 60)) {
            assertThatThrownBy(() -> f.ratings.serving("7", "A001", null))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("invalid_argument"));
            assertThatThrownBy(() -> f.ratings.serving("1", " ", null))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("invalid_argument"));
            assertThat(f.ratings.called("7", "A001")).isFalse();
            assertThat(f.ratings.called("1", "A001")).isTrue();
        }
    }

    @Test
    void ratingsTodayCountsTheServiceDayInTheKioskZoneAndSurvivesARestart() throws Exception {
        try (RatingsFixture f = fixture(0, false, 60)) {
            f.ratings.rate("1", "satisfied", "terminal");
            f.ratings.rate("1", "satisfied", "terminal");
        }
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 0, false, 60))) {
            assertThat(f.ratings.ratingsToday()).isEqualTo(2);
            f.time.advance(Duration.ofHours(15)); // 09:00 + 15 h = past midnight in Shanghai
            assertThat(f.ratings.ratingsToday()).isZero();
            f.ratings.rate("1", "satisfied", "terminal");
            assertThat(f.ratings.ratingsToday()).isEqualTo(1);
        }
    }

    @Test
    void theServedTicketAndAnOpenInviteSurviveARestart() throws Exception {
        try (RatingsFixture f = fixture(0, true, 60)) {
            f.ratings.serving("1", "A007", "emp-9");
        }
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 0, true, 60))) {
            var rating = f.ratings.rate("1", "satisfied", "terminal");
            assertThat(rating.get("ticket").asText()).isEqualTo("A007");
            assertThat(rating.get("staff").asText()).isEqualTo("emp-9");
        }
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 0, true, 60))) {
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .as("the invite was used up before the restart")
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("no_invite"));
        }
    }

    @Test
    void aFullOutboxRefusesTheRatingAndStoresNoRow() throws Exception {
        try (RatingsFixture f = new RatingsFixture(dir, 1, evaluator("1", 0, false, 60))) {
            f.ratings.rate("1", "satisfied", "terminal");
            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal"))
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code()).isEqualTo("outbox_full"));
            assertThat(f.ratings.ratingsToday()).isEqualTo(1);
        }
    }

    @Test
    void okLedLightsAfterTheCommitForOneSecondAndBusyBlinksOnARefusal() throws Exception {
        try (RatingsFixture f = fixture(3, false, 60)) {
            assertThat(f.lit(RatingsFixture.LED_OK)).isFalse();
            f.ratings.rate("1", "satisfied", "terminal");
            assertThat(f.lit(RatingsFixture.LED_OK)).isTrue();
            f.time.advance(Duration.ofMillis(999));
            assertThat(f.lit(RatingsFixture.LED_OK)).isTrue();
            f.time.advance(Duration.ofMillis(1));
            assertThat(f.lit(RatingsFixture.LED_OK)).isFalse();

            assertThatThrownBy(() -> f.ratings.rate("1", "satisfied", "terminal")).isInstanceOf(RefusedException.class);
            StringBuilder pattern = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                pattern.append(f.lit(RatingsFixture.LED_BUSY) ? '#' : '.');
                f.time.advance(Duration.ofMillis(200));
            }
            assertThat(pattern).hasToString("#.#.#..");
            assertThat(f.lit(RatingsFixture.LED_OK)).isFalse();
        }
    }
}
