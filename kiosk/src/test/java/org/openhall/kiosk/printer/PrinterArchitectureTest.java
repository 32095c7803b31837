package org.openhall.kiosk.printer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** jSerialComm stays in its adapters (the printer's and the barcode scanner's); the QR library stays in the preview; the queue never touches either. */
class PrinterArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.openhall.kiosk");

    @Test
    void onlyTheSerialAdaptersImportJSerialComm() {
        noClasses().that().resideOutsideOfPackages("org.openhall.kiosk.printer.serial..", "org.openhall.kiosk.scanner.serial..",
                "org.openhall.kiosk.serial..")
                .should().dependOnClassesThat().resideInAPackage("com.fazecast..").check(classes);
    }

    @Test
    void onlyThePreviewImportsZxing() {
        noClasses().that().resideOutsideOfPackage("org.openhall.kiosk.printer.preview..")
                .should().dependOnClassesThat().resideInAPackage("com.google.zxing..").check(classes);
    }

    @Test
    void theQueueAndThePrinterDomainDoNotDependOnAdaptersOrTheWeb() {
        noClasses().that().resideInAnyPackage("org.openhall.kiosk.tickets..", "org.openhall.kiosk.printer")
                .should().dependOnClassesThat().resideInAnyPackage("org.openhall.kiosk.printer.serial..",
                        "org.openhall.kiosk.printer.preview..", "org.openhall.kiosk.terminal..", "org.openhall.kiosk.app..",
                        "com.pi4j..", "org.eclipse.paho..")
                .check(classes);
    }
}
