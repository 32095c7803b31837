package org.openhall.kiosk.parcels;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openhall.kiosk.printer.Receipt;
import org.openhall.kiosk.printer.Receipt.Align;
import org.openhall.kiosk.printer.TextWidth;

/**
 * The parcel label and the hand-over receipt (回执单) on paper. Pure, like the ticket's layout: the encoder
 * turns what this returns into ESC/POS. Only masked names and phones are ever printed.
 */
public final class ParcelLayout {
    static final int TITLE_SCALE = 2;
    static final int MAX_NUMBER_SCALE = 4;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final int columns;
    private final String site;
    private final String kiosk;

    public ParcelLayout(int columns, String site, String kiosk) {
        this.columns = columns;
        this.site = site;
        this.kiosk = kiosk;
    }

    /** The label stuck on the parcel: number large, matter, QR of the parcel id, masked name and phone. */
    public Receipt label(Parcel p, boolean reprint) {
        List<Receipt.Block> b = new ArrayList<>();
        centred(b, "政务包裹 Government parcel", 1, true);
        b.add(new Receipt.Feed(1));
        centred(b, p.number(), numberScale(p.number()), true);
        centred(b, p.matter(), TITLE_SCALE, true);
        b.add(new Receipt.Qr(p.parcelId(), qrModuleDots()));
        left(b, "收件人 Resident: " + p.residentMasked());
        left(b, "电话 Phone: " + p.phoneMasked());
        left(b, "登记 Registered: " + TIME.format(p.registeredAt()) + "  窗口 Window " + p.window());
        if (reprint) {
            left(b, "补打 Reprint");
        }
        b.add(new Receipt.Feed(3));
        b.add(new Receipt.Cut());
        return new Receipt(columns, b);
    }

    /**
     * The hand-over receipt: date and time, the worker, every parcel's number and matter, a line for the
     * worker's signature and one for the hall's.
     */
    public Receipt receipt(Handover h, boolean reprint) {
        List<Receipt.Block> b = new ArrayList<>();
        centred(b, "政务包裹交接回执单", TITLE_SCALE, true);
        centred(b, "Parcel hand-over receipt", 1, false);
        b.add(new Receipt.Feed(1));
        left(b, "时间 Time: " + TIME.format(h.at()));
        left(b, "网格员 Worker: " + h.worker().name() + " (" + h.worker().id() + ")");
        left(b, "大厅 Hall: " + site + " / " + kiosk + "  窗口 Window " + h.window());
        left(b, "交接单 Hand-over: " + h.handoverId());
        b.add(rule());
        left(b, "共 " + h.parcels().size() + " 件  " + h.parcels().size() + " parcel" + (h.parcels().size() == 1 ? "" : "s"));
        int i = 1;
        for (Parcel p : h.parcels()) {
            left(b, i++ + ". " + p.number() + "  " + p.matter());
        }
        b.add(rule());
        b.add(new Receipt.Feed(1));
        signature(b, "网格员签字 Worker's signature");
        signature(b, "大厅签字 Hall's signature");
        if (reprint) {
            left(b, "补打 Reprint");
        }
        b.add(new Receipt.Feed(3));
        b.add(new Receipt.Cut());
        return new Receipt(columns, b);
    }

    /** As large as the paper allows the whole number on one line, at most four times. */
    int numberScale(String number) {
        return Math.max(1, Math.min(MAX_NUMBER_SCALE, columns / TextWidth.of(number)));
    }

    private int qrModuleDots() {
        return columns >= 42 ? 6 : 4;
    }

    private void signature(List<Receipt.Block> b, String who) {
        left(b, who + ":");
        b.add(new Receipt.Feed(2));
        b.add(new Receipt.Text("_".repeat(columns), 1, false, Align.LEFT));
        b.add(new Receipt.Feed(1));
    }

    private Receipt.Text rule() {
        return new Receipt.Text("-".repeat(columns), 1, false, Align.LEFT);
    }

    private void centred(List<Receipt.Block> b, String text, int scale, boolean bold) {
        for (String line : TextWidth.wrap(text, columns / scale)) {
            b.add(new Receipt.Text(line, scale, bold, Align.CENTER));
        }
    }

    private void left(List<Receipt.Block> b, String text) {
        for (String line : TextWidth.wrap(text, columns)) {
            b.add(new Receipt.Text(line, 1, false, Align.LEFT));
        }
    }
}
