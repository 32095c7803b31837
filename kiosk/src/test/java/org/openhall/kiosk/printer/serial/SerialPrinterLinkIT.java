package org.openhall.kiosk.printer.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.printer.PrinterLink;
import org.openhall.kiosk.printer.PrinterLinkContract;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.printer.PrinterState;
import org.openhall.kiosk.testing.PrinterEmulator;
import org.openhall.kiosk.testing.PtyPair;

/** The serial adapter on a real pty pair (socat) with an emulated printer at the far end. */
class SerialPrinterLinkIT extends PrinterLinkContract {
    @TempDir
    Path dir;
    private PtyPair pair;
    private PrinterEmulator printer;

    private void plugIn() {
        pair = PtyPair.start(dir.resolve("by-id-printer"), null);
        printer = PrinterEmulator.open(pair.far());
    }

    private void unplug() {
        printer.close();
        pair.close();
    }

    @Override
    protected PrinterLink newLink() {
        if (pair == null) {
            plugIn();
        }
        return new SerialPrinterLink(dir.resolve("by-id-printer"), 115200, System::nanoTime);
    }

    @Override
    protected byte[] arrived(int length) {
        return printer.awaitPrinted(length, Duration.ofSeconds(5));
    }

    @AfterEach
    void unplugAtEnd() {
        if (pair != null) {
            unplug();
        }
    }

    @Test
    void eachStatusTheEmulatorReportsIsDecoded() {
        Printer p = new Printer(link(), true);
        assertThat(p.check()).isEqualTo(PrinterState.OK);
        printer.paper(PrinterEmulator.Paper.NEAR_END);
        assertThat(p.check()).isEqualTo(PrinterState.PAPER_NEAR_END);
        printer.paper(PrinterEmulator.Paper.OUT);
        assertThat(p.check()).isEqualTo(PrinterState.PAPER_OUT);
        printer.coverOpen(true);
        assertThat(p.check()).isEqualTo(PrinterState.COVER_OPEN);
        printer.coverOpen(false);
        printer.paper(PrinterEmulator.Paper.OK);
        printer.silent(true);
        int queriesBefore = printer.statusQueries();
        assertThat(p.check()).isEqualTo(PrinterState.OFFLINE);
        assertThat(printer.statusQueries() - queriesBefore).as("stops after the first unanswered query").isEqualTo(1);
        printer.silent(false);
        assertThat(p.check()).isEqualTo(PrinterState.OK);
        assertThat(printer.printed()).as("status queries are not printed").isEmpty();
    }

    @Test
    void aSlowAnswerWithin500MsCountsALaterOneIsSilenceAndItsStaleByteIsNotMisread() {
        Printer p = new Printer(link(), true);
        printer.answerDelay(Duration.ofMillis(250));
        assertThat(p.check()).isEqualTo(PrinterState.OK);
        printer.answerDelay(Duration.ofMillis(800));
        assertThat(p.check()).isEqualTo(PrinterState.OFFLINE);
        printer.answerDelay(Duration.ZERO);
        printer.coverOpen(true);
        // the late answer to the last query ("fine", as the paper was then) arrives while the kiosk is idle;
        // the next check must not take it for its own first answer
        Awaitility.await().pollDelay(Duration.ofMillis(600)).until(() -> true);
        assertThat(p.check()).isEqualTo(PrinterState.COVER_OPEN);
    }

    @Test
    void anUnpluggedPrinterIsOfflineAndFoundAgainByItsPathWhenReplugged() throws Exception {
        Printer p = new Printer(link(), true);
        assertThat(p.check()).isEqualTo(PrinterState.OK);

        unplug();
        assertThat(p.check()).isEqualTo(PrinterState.OFFLINE);

        plugIn(); // a new /dev/pts number behind the same link, like /dev/serial/by-id
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> p.check() == PrinterState.OK);
        p.print(new byte[] {0x1B, 0x40, 'o', 'k'});
        assertThat(printer.awaitPrinted(4, Duration.ofSeconds(5))).containsExactly(0x1B, 0x40, 'o', 'k');
    }
}
