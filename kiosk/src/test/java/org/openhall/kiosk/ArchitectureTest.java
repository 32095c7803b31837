package org.openhall.kiosk;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of the design: vendor libraries only in their adapter, arrows pointing inward. */
@AnalyzeClasses(packages = "org.openhall.kiosk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule onlyTheGpioAdapterUsesPi4j = noClasses().that().resideOutsideOfPackage("..gpio.pi4j..")
            .should().dependOnClassesThat().resideInAPackage("com.pi4j..");

    @ArchTest
    static final ArchRule onlyTheSerialAdaptersUseJSerialComm = noClasses().that()
            .resideOutsideOfPackages("..printer.serial..", "..scanner.serial..", "org.openhall.kiosk.serial..")
            .should().dependOnClassesThat().resideInAPackage("com.fazecast..");

    @ArchTest
    static final ArchRule onlyTheMqttAdapterUsesPaho = noClasses().that().resideOutsideOfPackage("..mqtt..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..");

    /** Jetty stays behind TerminalServer's own Route/HttpRequest/HttpResponse API. */
    @ArchTest
    static final ArchRule onlyTheTerminalAndTheCompositionRootUseJetty = noClasses().that()
            .resideOutsideOfPackages("..terminal..", "..app..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..");

    @ArchTest
    static final ArchRule domainPackagesDoNotKnowTheCompositionRootOrTheHttpApi = noClasses().that()
            .resideInAnyPackage("..tickets..", "..ratings..", "..printer..", "..outbox..", "..events..", "..config..",
                    "..commands..", "..telemetry..", "..gpio..", "..parcels..", "..scanner..")
            .should().dependOnClassesThat().resideInAnyPackage("..app..", "..terminal..");

    /** The scanner port knows no domain: it hands codes to a callback; the parcels know no scanner. */
    @ArchTest
    static final ArchRule theScannerAndTheParcelsDoNotKnowEachOther = noClasses().that().resideInAPackage("..scanner..")
            .should().dependOnClassesThat().resideInAnyPackage("..parcels..", "..tickets..", "..printer..")
            .orShould().dependOnClassesThat().resideInAnyPackage("..app..", "..terminal..");

    @ArchTest
    static final ArchRule theParcelsDoNotKnowTheScanner = noClasses().that().resideInAPackage("..parcels..")
            .should().dependOnClassesThat().resideInAPackage("..scanner..");

    /**
     * SQL stays in the storage layer: the database and its transaction API, the {@code *Store} classes of each
     * domain, and the outbox, which is the store of its own table. Domain logic sees only {@code Tx}.
     */
    @ArchTest
    static final ArchRule jdbcOnlyInStorageAndStores = noClasses().that().resideOutsideOfPackage("..storage..")
            .and().haveSimpleNameNotEndingWith("Store")
            .and().doNotHaveFullyQualifiedName("org.openhall.kiosk.outbox.Outbox")
            .should().dependOnClassesThat().resideInAPackage("java.sql..");

    /** Storage serves every domain and knows none of them: only the event records and the refusals. */
    @ArchTest
    static final ArchRule storageKnowsNoDomain = noClasses().that().resideInAPackage("..storage..")
            .should().dependOnClassesThat().resideInAnyPackage("..outbox..", "..tickets..", "..ratings..",
                    "..commands..", "..printer..", "..gpio..", "..mqtt..", "..terminal..", "..telemetry..", "..app..");

    /** The MQTT transport guard serves the kiosk and the centre alike: it uses the JDK and nothing else. */
    @ArchTest
    static final ArchRule theMqttTransportUsesOnlyTheJdk = noClasses().that().resideInAPackage("..mqtt.transport..")
            .should().dependOnClassesThat().resideOutsideOfPackages("..mqtt.transport..", "java..", "javax..");

    /** sd_notify and its watchdog serve the kiosk and the centre alike: the JDK and SLF4J, no domain, no app. */
    @ArchTest
    static final ArchRule systemdUsesOnlyTheJdk = noClasses().that().resideInAPackage("org.openhall.kiosk.systemd..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.openhall.kiosk.systemd..", "java..", "javax..",
                    "org.slf4j..");

    /**
     * The kiosk reads and writes JSON trees through {@code Json} (Jackson's streaming API and tree nodes): an
     * {@code ObjectMapper}, or the {@code JsonNode.toString()} that builds Jackson's internal one, would load the
     * mapper's ~300 classes, several MB of the idle resident set. The centre has its own rules.
     */
    @ArchTest
    static final ArchRule noObjectMapperInTheKiosk = noClasses().should().dependOnClassesThat()
            .areAssignableTo(ObjectMapper.class);

    @ArchTest
    static final ArchRule noJsonNodeToString = noClasses().should().callMethodWhere(describe("JsonNode.toString()",
            (JavaMethodCall call) -> call.getName().equals("toString") && call.getTargetOwner().isAssignableTo(JsonNode.class)));

    /** Two kiosks share one JVM in tests and fleet simulations: no mutable static state anywhere. */
    @ArchTest
    static final ArchRule noMutableStaticFields = fields().that().areStatic().should().beFinal();
}
