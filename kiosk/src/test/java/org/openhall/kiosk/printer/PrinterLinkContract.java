package org.openhall.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PrinterLink} must do, run against each adapter (the file printer in a unit test, the
 * serial adapter on a real pty pair in an IT).
 */
public abstract class PrinterLinkContract {
    private PrinterLink link;

    /** A fresh link to a printer that is there and well. */
    protected abstract PrinterLink newLink();

    /** Waits until {@code length} bytes arrived at the printer and returns them all. */
    protected abstract byte[] arrived(int length);

    protected final PrinterLink link() {
        if (link == null) {
            link = newLink();
        }
        return link;
    }

    @AfterEach
    void closeLink() {
        if (link != null) {
            link.close();
        }
    }

    @Test
    void everyByteValueArrivesUnchangedAndInOrder() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        link().write(all);
        assertThat(HexFormat.of().formatHex(arrived(256))).isEqualTo(HexFormat.of().formatHex(all));
    }

    @Test
    void aWholeTicketArrivesExactlyAsEncoded() throws Exception {
        byte[] ticket = EscPosEncoderTest.encode(EscPosEncoderTest.PRINTER_80MM, EscPosEncoderTest.ticket(true, 7));
        Printer printer = new Printer(link(), true);

        printer.print(ticket);
        printer.print(ticket);

        byte[] twice = EscPosEncoderTest.concat(ticket, ticket);
        assertThat(HexFormat.of().formatHex(arrived(twice.length))).isEqualTo(HexFormat.of().formatHex(twice));
    }

    @Test
    void aPrinterThatIsThereAndWellReportsOkAndTellsListenersOnce() {
        Printer printer = new Printer(link(), true);
        java.util.List<PrinterState> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        printer.onStateChange(seen::add);

        assertThat(printer.check()).isEqualTo(PrinterState.OK);
        assertThat(printer.check()).isEqualTo(PrinterState.OK);
        assertThat(seen).containsExactly(PrinterState.OK);
    }

    @Test
    void aClosedLinkOpensAgainOnTheNextWrite() throws Exception {
        link().write(new byte[] {1, 2});
        // a serial write returns once the bytes are on the wire (jSerialComm drains), but a pty has no wire: its
        // bytes wait for socat, and the flush in jSerialComm's close discards what socat has not read yet
        assertThat(arrived(2)).containsExactly(1, 2);
        link().close();
        link().write(new byte[] {3});
        assertThat(arrived(3)).containsExactly(1, 2, 3);
    }
}
