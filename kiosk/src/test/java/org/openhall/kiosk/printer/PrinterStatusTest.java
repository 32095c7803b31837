package org.openhall.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrinterStatusTest {
    private static final int IDLE = 0x12;

    static Stream<Arguments> everyDocumentedBit() {
        return Stream.of(
                // DLE EOT 1: printer status
                bit(1, 0x04, "drawer pin 3 high", PrinterStatus::drawerPin3High, PrinterState.OK),
                bit(1, 0x08, "offline", PrinterStatus::offline, PrinterState.OFFLINE),
                bit(1, 0x20, "waiting for online recovery", PrinterStatus::waitingForOnlineRecovery, PrinterState.OK),
                bit(1, 0x40, "feed button pressed", PrinterStatus::feedButtonPressed, PrinterState.OK),
                // DLE EOT 2: offline cause
                bit(2, 0x04, "cover open", PrinterStatus::coverOpen, PrinterState.COVER_OPEN),
                bit(2, 0x08, "feeding by button", PrinterStatus::feedingByButton, PrinterState.OK),
                bit(2, 0x20, "paper-end stop", PrinterStatus::paperEndStop, PrinterState.PAPER_OUT),
                bit(2, 0x40, "error occurred", PrinterStatus::errorOccurred, PrinterState.ERROR),
                // DLE EOT 4: roll paper sensor (two bits per sensor)
                bit(4, 0x0C, "near end", PrinterStatus::paperNearEnd, PrinterState.PAPER_NEAR_END),
                bit(4, 0x60, "paper end", PrinterStatus::paperEnd, PrinterState.PAPER_OUT));
    }

    private static Arguments bit(int query, int bits, String name, Predicate<PrinterStatus> flag, PrinterState state) {
        return Arguments.of(query, bits, name, flag, state);
    }

    @ParameterizedTest(name = "DLE EOT {0} bits 0x{1}: {2}")
    @MethodSource("everyDocumentedBit")
    void eachDocumentedBitIsDecodedAloneAndMapsToItsState(int query, int bits, String name, Predicate<PrinterStatus> flag,
            PrinterState state) {
        PrinterStatus status = PrinterStatus.decode(query == 1 ? IDLE | bits : IDLE, query == 2 ? IDLE | bits : IDLE,
                query == 4 ? IDLE | bits : IDLE);

        assertThat(flag.test(status)).as(name).isTrue();
        assertThat(status.state()).isEqualTo(state);
        PrinterStatus idle = PrinterStatus.decode(IDLE, IDLE, IDLE);
        assertThat(flag.test(idle)).as(name + " when idle").isFalse();
    }

    @Test
    void anIdlePrinterIsOk() {
        assertThat(PrinterStatus.decode(0x12, 0x12, 0x12).state()).isEqualTo(PrinterState.OK);
    }

    @Test
    void aPrinterOutOfPaperAsEpsonDocumentsIt() {
        // offline, paper-end stop, near end and end sensors all set
        PrinterStatus status = PrinterStatus.decode(0x1A, 0x32, 0x7E);
        assertThat(status.offline()).isTrue();
        assertThat(status.paperEnd()).isTrue();
        assertThat(status.state()).isEqualTo(PrinterState.PAPER_OUT);
    }

    @Test
    void coverOpenWinsOverPaperOut() {
        assertThat(PrinterStatus.decode(0x1A, 0x36, 0x7E).state()).isEqualTo(PrinterState.COVER_OPEN);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0xFF, 0x10, 0x02, 0x13, 0x92, 0x41})
    void bytesWithoutTheFixedBitsAreNotStatusAnswers(int b) {
        assertThat(PrinterStatus.wellFormed(b)).isFalse();
        assertThatThrownBy(() -> PrinterStatus.decode(b, 0x12, 0x12)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyOkAndNearEndMayPrintAndRefusalsNameTheState() {
        assertThat(Stream.of(PrinterState.values()).filter(PrinterState::canPrint))
                .containsExactly(PrinterState.OK, PrinterState.PAPER_NEAR_END);
        assertThat(PrinterState.PAPER_OUT.refusal().word()).isEqualTo("printer_paper_out");
        assertThat(PrinterState.COVER_OPEN.refusal().word()).isEqualTo("printer_cover_open");
        assertThat(PrinterState.OFFLINE.refusal().word()).isEqualTo("printer_offline");
    }
}
