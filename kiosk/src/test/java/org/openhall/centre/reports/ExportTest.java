package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** CSV and xlsx written from the same rows and read back. */
class ExportTest {
    private final List<RatingRow> rows = List.of(
            new RatingRow("3", "武泉", 21, 10, 0, 4, 3, 4, 14, 7, 0.6667),
            new RatingRow("=1+1", "a,b \"q\"", 1, 1, 0, 0, 0, 0, 1, 0, 1.0));
    private final ReportTable table = ReportTable.ofRatings("ratings by window", rows);

    @Test
    void csvHasABomCrLfAndQuotedFields() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(table, out);
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n", -1)).containsExactly(
                "key,site,total,very_satisfied,satisfied,basically_satisfied,dissatisfied,very_dissatisfied,good,bad,goodRate",
                "3,武泉,21,10,0,4,3,4,14,7,0.6667",
                "'=1+1,\"a,b \"\"q\"\"\",1,1,0,0,0,0,1,0,1.0",
                "");
    }

    @Test
    void xlsxReadsBackCellForCell() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(List.of(table, ReportTable.ofQueue("queue", List.of(
                new QueueRow("A", "武泉", null, 4, 1, 60L, 600L, null, null)))), out);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("ratings by window", "queue");
            List<Row> ratingRows = sheets.get(0).read();
            assertThat(ratingRows).hasSize(3);
            assertThat(ratingRows.get(0).getCellText(10)).isEqualTo("goodRate");
            Row first = ratingRows.get(1);
            assertThat(first.getCellText(0)).isEqualTo("3");
            assertThat(first.getCellText(1)).isEqualTo("武泉");
            assertThat(first.getCellAsNumber(2)).contains(new BigDecimal("21"));
            assertThat(first.getCellAsNumber(10).orElseThrow().doubleValue()).isEqualTo(0.6667);
            assertThat(ratingRows.get(2).getCellText(0)).isEqualTo("=1+1");
            Row queue = sheets.get(1).read().get(1);
            assertThat(queue.getCellText(2)).isEmpty();
            assertThat(queue.getCellAsNumber(6)).contains(new BigDecimal("600"));
        }
    }

    @Test
    void sheetNamesAreMadeAcceptableToExcel() {
        assertThat(XlsxExport.sheetName("a/b:c")).isEqualTo("a_b_c");
        assertThat(XlsxExport.sheetName("x".repeat(40))).hasSize(31);
    }
}
