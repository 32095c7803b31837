package org.openhall.kiosk.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {
    private final Topics topics = Topics.of("kiosk/v1", "wuquan", "wq-hall-01");

    @Test
    void everyTopicLivesUnderPrefixSiteAndKiosk() {
        assertThat(topics.root()).isEqualTo("kiosk/v1/wuquan/wq-hall-01");
        assertThat(topics.status()).isEqualTo("kiosk/v1/wuquan/wq-hall-01/status");
        assertThat(topics.commands()).isEqualTo("kiosk/v1/wuquan/wq-hall-01/cmd/+");
        assertThat(topics.under("events/rating.submitted")).isEqualTo("kiosk/v1/wuquan/wq-hall-01/events/rating.submitted");
    }

    @Test
    void commandNameIsTheLastLevelOfOurOwnCommandTopicsOnly() {
        assertThat(topics.commandName("kiosk/v1/wuquan/wq-hall-01/cmd/print-test")).isEqualTo("print-test");
        assertThat(topics.commandName("kiosk/v1/wuquan/wq-hall-02/cmd/call")).isNull();
        assertThat(topics.commandName("kiosk/v1/wuquan/wq-hall-01/status")).isNull();
        assertThat(topics.commandName("kiosk/v1/wuquan/wq-hall-01/cmdx/call")).isNull();
    }
}
