package org.openhall.kiosk.tickets;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.printer.Receipt;
import org.openhall.kiosk.printer.Receipt.Align;
import org.openhall.kiosk.printer.TextWidth;

/**
 * How a ticket is laid out on paper: category in Chinese (double size) and English, the number large,
 * priority mark, people ahead, expected wait, time, QR code, footer, cut. Pure; the encoder and the
 * preview both draw what this returns.
 */
public final class TicketLayout {
    static final int NUMBER_SCALE = 4;
    static final int NAME_SCALE = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final KioskConfig.PrinterSettings printer;
    private final String site;
    private final String kiosk;

    public TicketLayout(KioskConfig.PrinterSettings printer, String site, String kiosk) {
        this.printer = printer;
        this.site = site;
        this.kiosk = kiosk;
    }

    public Receipt ticket(IssuedTicket t, boolean reprint) {
        List<Receipt.Block> b = new ArrayList<>();
        lines(b, t.categoryName(), NAME_SCALE, true);
        if (!t.categoryNameEn().equals(t.categoryName())) {
            lines(b, t.categoryNameEn(), 1, false);
        }
        b.add(new Receipt.Feed(1));
        lines(b, t.number(), NUMBER_SCALE, true);
        if (t.priority()) {
            lines(b, "优先 Priority", 1, true);
        }
        b.add(new Receipt.Feed(1));
        lines(b, "前面还有 " + t.ahead() + " 人  " + t.ahead() + " ahead of you", 1, false);
        if (t.waitMinutes() != null) {
            lines(b, "预计等候约 " + t.waitMinutes() + " 分钟  About " + t.waitMinutes() + " min", 1, false);
        }
        lines(b, TIME.format(t.issuedAt()), 1, false);
        String qr = qrContent(t);
        if (!qr.isEmpty()) {
            b.add(new Receipt.Qr(qr, qrModuleDots()));
        }
        if (!printer.footer().isEmpty()) {
            lines(b, printer.footer(), 1, false);
        }
        if (reprint) {
            lines(b, "补打 Reprint", 1, false);
        }
        b.add(new Receipt.Feed(3));
        b.add(new Receipt.Cut());
        return new Receipt(printer.columns(), b);
    }

    /** The {@code print-test} page: a column ruler, Chinese and symbol samples, a QR code. */
    public Receipt testPage(OffsetDateTime now) {
        List<Receipt.Block> b = new ArrayList<>();
        lines(b, "打印测试 Printer test", NAME_SCALE, true);
        lines(b, kiosk + " / " + site, 1, false);
        lines(b, TIME.format(now), 1, false);
        StringBuilder ruler = new StringBuilder();
        for (int i = 1; i <= printer.columns(); i++) {
            ruler.append(i % 10);
        }
        b.add(new Receipt.Text(ruler.toString(), 1, false, Align.LEFT));
        lines(b, "综合受理 社保医保 ￥12.50 " + printer.encoding(), 1, false);
        b.add(new Receipt.Qr(kiosk, qrModuleDots()));
        b.add(new Receipt.Feed(3));
        b.add(new Receipt.Cut());
        return new Receipt(printer.columns(), b);
    }

    String qrContent(IssuedTicket t) {
        return printer.qr().replace("{site}", site).replace("{kiosk}", kiosk)
                .replace("{ticketId}", t.ticketId()).replace("{number}", t.number());
    }

    /** About 25 mm wide for a typical URL on 80 mm paper, smaller on 58 mm. */
    private int qrModuleDots() {
        return printer.columns() >= 42 ? 6 : 4;
    }

    private void lines(List<Receipt.Block> b, String text, int scale, boolean bold) {
        for (String line : TextWidth.wrap(text, printer.columns() / scale)) {
            b.add(new Receipt.Text(line, scale, bold, Align.CENTER));
        }
    }
}
