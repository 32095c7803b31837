package org.openhall.centre.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 with a byte order mark, so Excel opens Chinese text as Chinese; CRLF line ends;
 * a field is quoted when it holds a comma, quote or line break. A cell starting with = + - @ is prefixed with
 * a quote mark so a spreadsheet never runs it as a formula (window and staff ids come from the field).
 */
public final class CsvExport {
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final char BOM = '\uFEFF';

    private CsvExport() {
    }

    public static void write(ReportTable table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BOM);
        line(writer, List.copyOf(table.columns()));
        for (List<Object> row : table.rows()) {
            line(writer, row);
        }
        writer.flush();
    }

    private static void line(Writer writer, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String field(Object cell) {
        if (cell == null) {
            return "";
        }
        String text = cell.toString();
        if (cell instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
