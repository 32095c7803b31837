package org.openhall.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePrinterLinkTest extends PrinterLinkContract {
    @TempDir
    Path dir;

    @Override
    protected PrinterLink newLink() {
        return FilePrinterLink.file(dir.resolve("sim-printer.bin"));
    }

    @Override
    protected byte[] arrived(int length) {
        try {
            return Files.readAllBytes(dir.resolve("sim-printer.bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMissingPrinterDeviceIsOfflineAndNeverCreatedAsAFile() {
        Path lp = dir.resolve("lp0");
        Printer printer = new Printer(FilePrinterLink.device(lp), true);

        assertThat(printer.check()).isEqualTo(PrinterState.OFFLINE);
        assertThatThrownBy(() -> printer.print(new byte[] {1})).isInstanceOf(PrintFailedException.class);
        assertThat(lp).doesNotExist();
    }

    @Test
    void aWriteOnlyDeviceIsNeverAskedForItsStatusAndIsOkWhileWritable() throws Exception {
        Path lp = Files.createFile(dir.resolve("lp0"));
        Printer printer = new Printer(FilePrinterLink.device(lp), true);

        assertThat(printer.check()).isEqualTo(PrinterState.OK);
        printer.print(new byte[] {0x1B, 0x40});
        assertThat(Files.readAllBytes(lp)).containsExactly(0x1B, 0x40); // no DLE EOT was written
    }

    @Test
    void noPrinterIsNoneAndCannotPrint() {
        Printer none = Printer.none();
        assertThat(none.check()).isEqualTo(PrinterState.NONE);
        assertThat(none.present()).isFalse();
        assertThatThrownBy(() -> none.print(new byte[] {1})).isInstanceOf(PrintFailedException.class);
    }
}
