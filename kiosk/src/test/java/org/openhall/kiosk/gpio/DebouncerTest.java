package org.openhall.kiosk.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DebouncerTest {
    private final Debouncer debouncer = new Debouncer(false, 20);

    @Test
    void aLevelIsAcceptedOnlyAfterHoldingStillForTheSettleTime() {
        debouncer.edge(true, 1_000);
        assertThat(debouncer.poll(1_019).kind()).isEqualTo(Debouncer.Poll.Kind.WAIT);
        assertThat(debouncer.poll(1_019).at()).isEqualTo(1_020);
        Debouncer.Poll poll = debouncer.poll(1_020);
        assertThat(poll.kind()).isEqualTo(Debouncer.Poll.Kind.CHANGED);
        assertThat(poll.level()).isTrue();
        assertThat(poll.at()).isEqualTo(1_000);
        assertThat(debouncer.poll(1_100).kind()).isEqualTo(Debouncer.Poll.Kind.SETTLED);
    }

    @Test
    void everyBounceRestartsTheSettleTimeAndTheTrainCountsOnce() {
        debouncer.edge(true, 1_000);
        debouncer.edge(false, 1_001);
        debouncer.edge(true, 1_003);
        assertThat(debouncer.poll(1_021).kind()).isEqualTo(Debouncer.Poll.Kind.WAIT);
        Debouncer.Poll poll = debouncer.poll(1_023);
        assertThat(poll.kind()).isEqualTo(Debouncer.Poll.Kind.CHANGED);
        assertThat(poll.at()).isEqualTo(1_003);
        assertThat(debouncer.poll(1_050).kind()).isEqualTo(Debouncer.Poll.Kind.SETTLED);
    }

    @Test
    void aGlitchShorterThanTheSettleTimeIsNoEdge() {
        debouncer.edge(true, 1_000);
        debouncer.edge(false, 1_010);
        assertThat(debouncer.poll(1_040).kind()).isEqualTo(Debouncer.Poll.Kind.SETTLED);
        assertThat(debouncer.accepted()).isFalse();
    }

    @Test
    void aSettledLevelIsNotLostWhenTheNextEdgeArrivesBeforeTheLatePoll() {
        debouncer.edge(true, 1_000);
        debouncer.poll(1_020); // press accepted
        debouncer.edge(false, 1_100); // released for 40 ms, but the timer is late ...
        Debouncer.Poll release = debouncer.edge(true, 1_140); // ... and the next press comes first
        assertThat(release.kind()).isEqualTo(Debouncer.Poll.Kind.CHANGED);
        assertThat(release.level()).isFalse();
        assertThat(release.at()).isEqualTo(1_100);
        Debouncer.Poll press = debouncer.poll(1_160);
        assertThat(press.kind()).isEqualTo(Debouncer.Poll.Kind.CHANGED);
        assertThat(press.level()).isTrue();
    }

    @Test
    void aBounceInsideTheSettleTimeIsNotMistakenForASettledLevel() {
        debouncer.edge(true, 1_000);
        assertThat(debouncer.edge(false, 1_002).kind()).isEqualTo(Debouncer.Poll.Kind.WAIT);
        assertThat(debouncer.edge(true, 1_004).kind()).isNotEqualTo(Debouncer.Poll.Kind.CHANGED);
    }
}
