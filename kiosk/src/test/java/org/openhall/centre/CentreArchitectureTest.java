package org.openhall.centre;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The centre is a second wing of the same jar: it shares only the event contract and the plumbing with the
 * kiosk (MQTT/TLS, the MQTT transport guard, and sd_notify: {@code kiosk.systemd}, since both run as
 * {@code Type=notify} units with a watchdog), the kiosk knows nothing of it, and each vendor library stays in
 * its adapter.
 */
@AnalyzeClasses(packages = "org.openhall", importOptions = ImportOption.DoNotIncludeTests.class)
class CentreArchitectureTest {
    @ArchTest
    static final ArchRule theCentreUsesOnlyTheEventContractAndThePlumbingOfTheKiosk = classes()
            .that().resideInAPackage("org.openhall.centre..")
            .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "outside the kiosk, or its events package, TlsFactory, Backoff, mqtt.transport or systemd",
                    c -> !c.getPackageName().startsWith("org.openhall.kiosk")
                            || c.getPackageName().equals("org.openhall.kiosk.events")
                            || c.getPackageName().startsWith("org.openhall.kiosk.mqtt.transport")
                            || c.getPackageName().equals("org.openhall.kiosk.systemd")
                            || c.getName().startsWith("org.openhall.kiosk.mqtt.TlsFactory")
                            || c.getName().startsWith("org.openhall.kiosk.mqtt.Backoff")));

    @ArchTest
    static final ArchRule noKioskPackageDependsOnTheCentre = noClasses().that().resideInAPackage("org.openhall.kiosk..")
            .and().doNotHaveFullyQualifiedName("org.openhall.kiosk.app.Main")
            .should().dependOnClassesThat().resideInAPackage("org.openhall.centre..");

    @ArchTest
    static final ArchRule jdbcOnlyInTheStoreAdapters = noClasses().that().resideInAPackage("org.openhall.centre..")
            .and().resideOutsideOfPackage("org.openhall.centre.store..")
            .and().haveSimpleNameNotEndingWith("Store").and().haveSimpleNameNotEndingWith("Projection")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..",
                    "org.postgresql..", "com.zaxxer..", "org.flywaydb..");

    @ArchTest
    static final ArchRule pahoOnlyInTheMqttAdapter = noClasses().that().resideInAPackage("org.openhall.centre..")
            .and().resideOutsideOfPackage("org.openhall.centre.mqtt..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..");

    @ArchTest
    static final ArchRule jettyOnlyInTheWebAdapter = noClasses().that().resideInAPackage("org.openhall.centre..")
            .and().resideOutsideOfPackage("org.openhall.centre.web..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..");

    @ArchTest
    static final ArchRule noMutableStaticState = fields().that().areStatic()
            .and().areDeclaredInClassesThat().resideInAPackage("org.openhall.centre..").should().beFinal();
}
