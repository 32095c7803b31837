package org.openhall.kiosk.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.printer.EscPosEncoder;

/**
 * Exact bytes of the parcel label and the hand-over receipt. The golden files under
 * src/test/resources/…/parcels/golden were read back byte by byte against the ESC/POS reference (as the
 * ticket's are, docs/printer.md); regenerate them only on purpose with -Dgolden.update=true.
 */
class ParcelLayoutTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Charset GB18030 = Charset.forName("GB18030");
    static final OffsetDateTime REGISTERED = OffsetDateTime.parse("2026-03-08T09:15:02+08:00");
    static final Parcel PARCEL = new Parcel("3f0c1b2a-8d4e-4c6f-9a1b-2c3d4e5f6a7b", "P20260308001",
            LocalDate.of(2026, 3, 8), "户籍证明", "朱*荣", "138****1234", "3", REGISTERED, false, null);
    static final Parcel SECOND = new Parcel("9a1b2c3d-0000-4c6f-9a1b-2c3d4e5f6a7b", "P20260308002",
            LocalDate.of(2026, 3, 8), "不动产登记证明", "欧**荣", "****5678", "3", REGISTERED, false, null);
    static final Handover HANDOVER = new Handover("5e6f7a8b-1111-4222-8333-944455556666", "3",
            new Worker("W01", "李四"), List.of(PARCEL, SECOND), OffsetDateTime.parse("2026-03-08T15:30:00+08:00"), false);

    private static final ParcelLayout WIDE = new ParcelLayout(48, "wuquan", "wq-hall-01");
    private static final EscPosEncoder ENCODER = EscPosEncoder.forEncoding("GB18030");

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    private static byte[] gb(String s) {
        return s.getBytes(GB18030);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void theNumberIsPrintedAsLargeAsTheLineAllowsBoldAndCentred() {
        byte[] label = ENCODER.encode(WIDE.label(PARCEL, false));
        // 12 characters on 48 columns: GS ! 0x33 (4 x 4)
        assertThat(indexOf(label, concat(bytes("1B6101 1B4501 1D2133"), gb("P20260308001"), bytes("0A")))).isPositive();
        byte[] narrow = EscPosEncoder.forEncoding("GB18030").encode(new ParcelLayout(32, "s", "k").label(PARCEL, false));
        assertThat(indexOf(narrow, concat(bytes("1D2111"), gb("P20260308001"), bytes("0A")))).isPositive();
    }

    @Test
    void theLabelsQrCodeHoldsTheParcelIdAndNothingElse() {
        byte[] label = ENCODER.encode(WIDE.label(PARCEL, false));
        byte[] id = PARCEL.parcelId().getBytes(StandardCharsets.US_ASCII);
        int n = id.length + 3;
        byte[] store = concat(bytes("1D286B"), new byte[] {(byte) n, (byte) (n >> 8)}, bytes("315030"), id,
                bytes("1D286B 0300 315130"));
        assertThat(indexOf(label, store)).isPositive();
    }

    @Test
    void theLabelCarriesTheMatterAndTheMaskedNameAndPhoneInGb18030() {
        byte[] label = ENCODER.encode(WIDE.label(PARCEL, false));
        assertThat(indexOf(label, concat(bytes("1D2111"), gb("户籍证明"), bytes("0A")))).isPositive();
        assertThat(indexOf(label, gb("收件人 Resident: 朱*荣"))).isPositive();
        assertThat(indexOf(label, gb("电话 Phone: 138****1234"))).isPositive();
        assertThat(indexOf(label, bytes("1004"))).isNegative();
    }

    @Test
    void theReceiptListsEveryParcelAndHasASignatureLineForTheWorkerAndOneForTheHall() {
        String text = new String(ENCODER.encode(WIDE.receipt(HANDOVER, false)), GB18030);
        assertThat(text).contains("政务包裹交接回执单", "时间 Time: 2026-03-08 15:30", "网格员 Worker: 李四 (W01)",
                "共 2 件  2 parcels", "1. P20260308001  户籍证明", "2. P20260308002  不动产登记证明",
                "网格员签字 Worker's signature:", "大厅签字 Hall's signature:", HANDOVER.handoverId());
        assertThat(text.split("_".repeat(48), -1)).hasSize(3);
    }

    @Test
    void goldenLabelOn80mmPaper() throws IOException {
        golden("label-p20260308001-80mm.bin", ENCODER.encode(WIDE.label(PARCEL, false)));
    }

    @Test
    void goldenReceiptOn80mmPaper() throws IOException {
        golden("receipt-two-parcels-80mm.bin", ENCODER.encode(WIDE.receipt(HANDOVER, false)));
    }

    @Test
    void goldenReceiptOn58mmPaperInGbk() throws IOException {
        golden("receipt-two-parcels-58mm-gbk.bin",
                EscPosEncoder.forEncoding("GBK").encode(new ParcelLayout(32, "wuquan", "wq-hall-01").receipt(HANDOVER, false)));
    }

    private void golden(String name, byte[] actual) throws IOException {
        Path file = Path.of("src/test/resources/org/openhall/kiosk/parcels/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.write(file, actual);
        }
        assertThat(file).as("golden file").exists();
        assertThat(HEX.formatHex(actual)).isEqualTo(HEX.formatHex(Files.readAllBytes(file)));
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
}
