package org.openhall.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.tickets.IssuedTicket;
import org.openhall.kiosk.tickets.TicketLayout;

/**
 * Exact bytes. The golden files under src/test/resources/…/printer/golden were checked by hand against
 * the ESC/POS reference (see docs/printer.md); regenerate them only on purpose with -Dgolden.update=true.
 */
public class EscPosEncoderTest {
    private static final HexFormat HEX = HexFormat.of();
    static final OffsetDateTime ISSUED = OffsetDateTime.parse("2026-03-08T09:15:02+08:00");
    public static final KioskConfig.PrinterSettings PRINTER_80MM = new KioskConfig.PrinterSettings("/dev/ttyUSB0", 115200,
            "GB18030", 48, true, "https://hall.example/t/{site}/{ticketId}", "请留意叫号 Please wait for your number");

    public static IssuedTicket ticket(boolean priority, Integer wait) {
        return new IssuedTicket("3f0c1b2a-8d4e-4c6f-9a1b-2c3d4e5f6a7b", "A001", "A", "综合受理", "General affairs",
                priority, 3, wait, LocalDate.of(2026, 3, 8), "terminal", false, ISSUED);
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    @Test
    void aTicketStartsWithInitAndChineseModeAndEndsWithFeedAndCut() {
        byte[] out = encode(PRINTER_80MM, ticket(false, null));

        assertThat(slice(out, 0, 4)).isEqualTo(bytes("1B40 1C26"));
        assertThat(slice(out, out.length - 4, 4)).isEqualTo(bytes("1D5642 18"));
    }

    @Test
    void theNumberIsPrintedFourTimesAsLargeAndBold() {
        byte[] out = encode(PRINTER_80MM, ticket(false, null));
        // centred, bold, GS ! 0x33 (4 x 4), "A001", LF
        assertThat(indexOf(out, bytes("1B6101 1B4501 1D2133 41303031 0A"))).isPositive();
    }

    @Test
    void categoryNameIsInGb18030AtDoubleSize() {
        byte[] out = encode(PRINTER_80MM, ticket(false, null));
        // 综合受理 = D7DB BACF CADC C0ED in GB18030 (checked with Python's own gb18030 codec)
        assertThat(indexOf(out, bytes("1D2111 D7DBBACFCADCC0ED 0A"))).isPositive();
    }

    @Test
    void theQrCodeIsModel2SizedLevelMStoredThenPrinted() {
        byte[] out = encode(PRINTER_80MM, ticket(false, null));
        String url = "https://hall.example/t/wuquan/3f0c1b2a-8d4e-4c6f-9a1b-2c3d4e5f6a7b";
        int n = url.length() + 3;
        byte[] qr = concat(bytes("1D286B 0400 3141 3200"), bytes("1D286B 0300 3143 06"), bytes("1D286B 0300 3145 31"),
                bytes("1D286B"), new byte[] {(byte) n, (byte) (n >> 8)}, bytes("315030"), url.getBytes(),
                bytes("1D286B 0300 315130"));
        assertThat(indexOf(out, qr)).isPositive();
    }

    @Test
    void controlCharactersInTextOrQrDataNeverReachThePrinter() {
        Receipt r = new Receipt(48, List.of(new Receipt.Text("A\u001bd\u007f\u0085B", 1, false, Receipt.Align.LEFT),
                new Receipt.Qr("x\u0010\u0004y", 4)));
        byte[] out = new EscPosEncoder(java.nio.charset.Charset.forName("GB18030")).encode(r);
        assertThat(indexOf(out, bytes("41 3F 64 3F 3F 42 0A"))).isPositive();
        assertThat(indexOf(out, bytes("1B647F"))).isNegative();
        assertThat(indexOf(out, bytes("78 3F 3F 79"))).isPositive();
        assertThat(indexOf(out, bytes("1004"))).isNegative();
    }

    @Test
    void yenSignBecomesTheTwoByteFullWidthFormInGb18030() {
        Receipt r = new Receipt(48, List.of(new Receipt.Text("¥5", 1, false, Receipt.Align.LEFT)));
        byte[] out = new EscPosEncoder(java.nio.charset.Charset.forName("GB18030")).encode(r);
        assertThat(indexOf(out, bytes("A3A4 35 0A"))).isPositive();
        assertThat(indexOf(out, bytes("81308436"))).isNegative();
    }

    @Test
    void singleByteEncodingsCancelChineseMode() {
        Receipt r = new Receipt(48, List.of(new Receipt.Text("A", 1, false, Receipt.Align.LEFT)));
        byte[] out = EscPosEncoder.forEncoding("UTF-8").encode(r);
        assertThat(slice(out, 0, 4)).isEqualTo(bytes("1B40 1C2E"));
    }

    @Test
    void noStatusQueryEverAppearsInsideTicketBytes() {
        byte[] out = encode(PRINTER_80MM, ticket(true, 12));
        assertThat(indexOf(out, bytes("1004"))).isNegative();
    }

    @Test
    void goldenTicketOn80mmPaper() throws IOException {
        golden("ticket-a001-80mm-gb18030.bin", encode(PRINTER_80MM, ticket(false, null)));
    }

    @Test
    void goldenPriorityTicketWithWaitOn58mmPaperInGbk() throws IOException {
        KioskConfig.PrinterSettings p = new KioskConfig.PrinterSettings("/dev/ttyUSB0", 9600, "GBK", 32, true,
                "{number}", "");
        golden("ticket-a001-58mm-gbk-priority.bin", encode(p, ticket(true, 12)));
    }

    @Test
    void goldenTestPage() throws IOException {
        TicketLayout layout = new TicketLayout(PRINTER_80MM, "wuquan", "wq-hall-01");
        golden("test-page-80mm.bin", EscPosEncoder.forEncoding("GB18030").encode(layout.testPage(ISSUED)));
    }

    public static byte[] encode(KioskConfig.PrinterSettings p, IssuedTicket t) {
        return EscPosEncoder.forEncoding(p.encoding()).encode(new TicketLayout(p, "wuquan", "wq-hall-01").ticket(t, false));
    }

    private void golden(String name, byte[] actual) throws IOException {
        Path file = Path.of("src/test/resources/org/openhall/kiosk/printer/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.write(file, actual);
        }
        assertThat(file).as("golden file").exists();
        assertThat(HEX.formatHex(actual)).isEqualTo(HEX.formatHex(Files.readAllBytes(file)));
    }

    static byte[] slice(byte[] b, int from, int length) {
        return java.util.Arrays.copyOfRange(b, from, from + length);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
