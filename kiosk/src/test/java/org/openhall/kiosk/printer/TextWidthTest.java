package org.openhall.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWidthTest {
    @Test
    void hanziAndFullWidthFormsTakeTwoColumns() {
        assertThat(TextWidth.of("A001")).isEqualTo(4);
        assertThat(TextWidth.of("综合受理")).isEqualTo(8);
        assertThat(TextWidth.of("￥1")).isEqualTo(3);
        assertThat(TextWidth.of("请留意叫号 Please")).isEqualTo(17);
    }

    @Test
    void wrapBreaksAtSpacesAndNeverExceedsTheWidth() {
        assertThat(TextWidth.wrap("请留意叫号 Please wait for your number", 24))
                .containsExactly("请留意叫号 Please wait", "for your number");
        for (String line : TextWidth.wrap("社会保险医疗保险综合受理窗口业务办理", 10)) {
            assertThat(TextWidth.of(line)).isLessThanOrEqualTo(10);
        }
        assertThat(TextWidth.wrap("short", 48)).containsExactly("short");
        assertThat(TextWidth.wrap("", 48)).containsExactly("");
    }
}
