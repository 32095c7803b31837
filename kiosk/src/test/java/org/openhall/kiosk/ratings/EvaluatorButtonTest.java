package org.openhall.kiosk.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openhall.kiosk.ratings.RatingsFixture.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buttons through Pi4J's mock pins and our adapter, with time under the test's control. */
class EvaluatorButtonTest {
    @TempDir
    Path dir;

    @Test
    void eachOfTheFiveButtonsRatesItsLevelOnce() {
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 0, false, 60))) {
            for (int pin : new int[] {5, 6, 13, 19, 26}) {
                f.press(pin, 80, 3);
            }
            assertThat(f.events("rating.submitted")).extracting(d -> d.get("level").asText() + "/" + d.get("score").asInt()
                    + "/" + d.get("channel").asText()).containsExactly("very_satisfied/5/button", "satisfied/4/button",
                    "basically_satisfied/3/button", "dissatisfied/2/button", "very_dissatisfied/1/button");
        }
    }

    @Test
    void eachBounceTrainIsOnePress() {
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 0, false, 60))) {
            for (int bounces : new int[] {1, 2, 5, 20}) {
                f.press(6, 80, bounces);
            }
            assertThat(f.events("rating.submitted")).hasSize(4);
        }
    }

    @Test
    void aPressInsideTheLockoutIsIgnoredAndBlinksBusy() {
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 3, false, 60))) {
            f.press(6);
            f.time.advanceMillis(500);
            f.press(5);
            assertThat(f.lit(RatingsFixture.LED_BUSY)).isTrue();
            f.time.advanceMillis(3_000);
            f.press(5);
            assertThat(f.events("rating.submitted")).extracting(d -> d.get("level").asText())
                    .containsExactly("satisfied", "very_satisfied");
        }
    }

    @Test
    void aButtonHeldPastTenSecondsRaisesOneStuckAlertAndRecoversWhenReleased() {
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 0, false, 60))) {
            f.presses.press(13, 25_000, 0);
            f.time.advanceMillis(9_900);
            assertThat(f.events("alert")).isEmpty();
            f.time.advanceMillis(200);
            assertThat(f.events("alert")).hasSize(1);
            f.time.advanceMillis(15_000); // released at 25 s
            assertThat(f.events("alert")).hasSize(1);
            JsonNode alert = f.events("alert").getFirst();
            assertThat(alert.get("kind").asText()).isEqualTo("stuck_button");
            assertThat(alert.get("message").asText()).contains("window 1", "basically_satisfied", "BCM 13");

            f.press(13);
            assertThat(f.events("rating.submitted")).hasSize(2); // the press that got stuck, then a normal one
            assertThat(f.events("alert")).hasSize(1);
        }
    }

    @Test
    void aPressJustUnderTenSecondsIsNoStuckButton() {
        try (RatingsFixture f = new RatingsFixture(dir, 1000, evaluator("1", 0, false, 60))) {
            f.press(13, 9_900, 0);
            f.time.advanceMillis(20_000);
            assertThat(f.events("alert")).isEmpty();
        }
    }
}
