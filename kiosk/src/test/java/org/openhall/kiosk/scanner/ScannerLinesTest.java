package org.openhall.kiosk.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serial scanner's bytes into codes: a line ends at CR or LF, trimmed, empty ones ignored, long ones dropped. */
class ScannerLinesTest {
    private static final String ID = "0b6f2f38-3c5e-4a8e-9f62-2d1f7c9a4b10";
    private final List<String> codes = new ArrayList<>();
    private int overlong;
    private final ScannerLines lines = new ScannerLines(codes::add, () -> overlong++);

    private void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        lines.feed(b, 0, b.length);
    }

    @Test
    void crLfLfAndCrAloneEachEndOneCode() {
        feed(ID + "\r\n" + "P20260308001\n" + "P20260308002\r");
        assertThat(codes).containsExactly(ID, "P20260308001", "P20260308002");
    }

    @Test
    void aCodeSplitAcrossReadsIsOneCode() {
        feed("0b6f2f38-3c5e-");
        feed("4a8e-9f62-2d1f7c9a4b10");
        assertThat(codes).isEmpty();
        feed("\r");
        feed("\n");
        assertThat(codes).containsExactly(ID);
    }

    @Test
    void linesAreTrimmedOfSpacesAndFramingAndEmptyOnesIgnored() {
        feed("\r\n\r\n   \r\n\t" + ID + "  \r\n" + "\u0002P20260308001\u0003\r\n\n\n");
        assertThat(codes).containsExactly(ID, "P20260308001");
        assertThat(overlong).isZero();
    }

    @Test
    void aLineOverTheLimitIsDroppedWholeAndReportedOnce() {
        feed("x".repeat(ScannerLines.MAX_LINE) + "\r\n");
        assertThat(codes).containsExactly("x".repeat(ScannerLines.MAX_LINE));
        codes.clear();
        feed("y".repeat(ScannerLines.MAX_LINE * 3 + 1));
        feed("y".repeat(500) + "\r\n" + ID + "\r\n");
        assertThat(overlong).isEqualTo(1);
        assertThat(codes).containsExactly(ID);
    }

    @Test
    void aResetForgetsAPartialLine() {
        feed("half-of-a-co");
        lines.reset();
        feed(ID + "\n");
        assertThat(codes).containsExactly(ID);
    }

    @Test
    void onlyTheGivenRangeOfTheBufferIsRead() {
        byte[] b = ("garbage" + ID + "\r\ngarbage").getBytes(StandardCharsets.US_ASCII);
        lines.feed(b, 7, ID.length() + 2);
        assertThat(codes).containsExactly(ID);
    }
}
