package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void rendersEscapedTablesWithRatesInPerCentAndPrintCss() {
        ReportTable table = ReportTable.ofRatings("by window", List.of(
                new RatingRow("<b>3</b>", "武泉", 21, 10, 0, 4, 3, 4, 14, 7, 0.6667)));
        String html = HtmlReport.render("周通报 2026-W10", "武泉", List.of(new HtmlReport.Section("窗口", table),
                new HtmlReport.Section("空", ReportTable.ofQueue("q", List.of()))));
        assertThat(html).contains("&lt;b&gt;3&lt;/b&gt;", "66.7%", "好评率", "@media print", "无数据")
                .doesNotContain("<b>3</b>", "<script");
    }
}
