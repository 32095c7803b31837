package org.openhall.kiosk.gpio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PressSimulatorTest {
    @Test
    void bouncesAlternateInsideTheFirstFiveMillisecondsAndEndClosedUntilTheRelease() {
        List<PressSimulator.Step> plan = PressSimulator.plan(80, 3);

        assertThat(plan).hasSize(2 + 2 * 3);
        assertThat(plan.getFirst()).isEqualTo(new PressSimulator.Step(0, true));
        assertThat(plan.getLast()).isEqualTo(new PressSimulator.Step(80_000, false));
        List<PressSimulator.Step> bounces = plan.subList(1, plan.size() - 1);
        assertThat(bounces).allMatch(s -> s.atMicros() > 0 && s.atMicros() < 5_000);
        assertThat(bounces).extracting(PressSimulator.Step::closed).containsExactly(false, true, false, true, false, true);
        assertThat(plan).isSortedAccordingTo((a, b) -> Long.compare(a.atMicros(), b.atMicros()));
    }

    @Test
    void withoutBouncesAPressIsOneCloseAndOneOpen() {
        assertThat(PressSimulator.plan(80, 0)).containsExactly(new PressSimulator.Step(0, true),
                new PressSimulator.Step(80_000, false));
    }
}
