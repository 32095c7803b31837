package org.openhall.centre.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** xlsx written with fastexcel (a streaming writer): one sheet per table, a bold header row, numbers as numbers. */
public final class XlsxExport {
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int MAX_SHEET_NAME = 31;

    private XlsxExport() {
    }

    public static void write(List<ReportTable> tables, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "kiosk-centre", "1.0");
        for (ReportTable table : tables) {
            sheet(workbook.newWorksheet(sheetName(table.title())), table);
        }
        workbook.finish();
    }

    private static void sheet(Worksheet sheet, ReportTable table) {
        for (int c = 0; c < table.columns().size(); c++) {
            sheet.value(0, c, table.columns().get(c));
            sheet.style(0, c).bold().set();
        }
        int r = 1;
        for (List<Object> row : table.rows()) {
            for (int c = 0; c < row.size(); c++) {
                Object cell = row.get(c);
                if (cell instanceof Number number) {
                    sheet.value(r, c, number);
                } else if (cell != null) {
                    sheet.value(r, c, cell.toString());
                }
            }
            r++;
        }
    }

    /** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
    static String sheetName(String title) {
        String clean = title.replaceAll("[\\[\\]:*?/\\\\]", "_");
        return clean.length() <= MAX_SHEET_NAME ? clean : clean.substring(0, MAX_SHEET_NAME);
    }
}
