package org.openets.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module map of docs/architecture holds: the core is plain Java (no framework, no JDBC, no clock, no
 * unseeded randomness), core modules depend on the kernel only, nobody reaches into another module's
 * internals, and the independent transaction log never sees the registry.
 */
class ArchitectureTest {
    static JavaClasses all;

    @BeforeAll static void load() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.openets");
    }

    static final String[] CORE = {"org.openets.kernel..", "org.openets.registry..", "org.openets.registrylog..", "org.openets.emissions..", "org.openets.allocation.."};

    @Test void theCoreUsesNoFrameworkNorJdbc() {
        ArchRule rule = noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", "javax.sql..", "java.sql..", "tools.jackson..",
                        "com.fasterxml..", "lombok..", "org.postgresql..", "org.flywaydb..", "com.zaxxer..", "picocli..");
        rule.check(all);
    }

    @Test void theCoreNeverReadsTheSystemClockOrUnseededRandomness() {
        noClasses().that().resideInAnyPackage(CORE).should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(Math.class, "random")
                .orShould().callConstructor(java.util.Random.class)
                .orShould().callConstructor(java.util.SplittableRandom.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.UUID")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .check(all);
    }

    @Test void coreModulesDependOnTheKernelOnly() {
        noClasses().that().resideInAPackage("org.openets.kernel..").should().dependOnClassesThat()
                .resideInAnyPackage("org.openets.registry..", "org.openets.registrylog..", "org.openets.emissions..", "org.openets.allocation..", "org.openets.workflows..",
                        "org.openets.store..", "org.openets.web..", "org.openets.server..", "org.openets.cli..").check(all);
        noClasses().that().resideInAPackage("org.openets.registry..").should().dependOnClassesThat()
                .resideInAnyPackage("org.openets.registrylog..", "org.openets.emissions..", "org.openets.allocation..", "org.openets.workflows..", "org.openets.store..",
                        "org.openets.web..", "org.openets.server..", "org.openets.cli..").check(all);
        noClasses().that().resideInAPackage("org.openets.emissions..").should().dependOnClassesThat()
                .resideInAnyPackage("org.openets.registry..", "org.openets.registrylog..", "org.openets.allocation..", "org.openets.workflows..", "org.openets.store..",
                        "org.openets.web..", "org.openets.server..", "org.openets.cli..").check(all);
        noClasses().that().resideInAPackage("org.openets.allocation..").should().dependOnClassesThat()
                .resideInAnyPackage("org.openets.registry..", "org.openets.registrylog..", "org.openets.emissions..", "org.openets.workflows..", "org.openets.store..",
                        "org.openets.web..", "org.openets.server..", "org.openets.cli..").check(all);
    }

    @Test void theTransactionLogNeverImportsTheRegistry() {
        noClasses().that().resideInAPackage("org.openets.registrylog..").should().dependOnClassesThat()
                .resideInAnyPackage("org.openets.registry..", "org.openets.emissions..", "org.openets.workflows..", "org.openets.store..").check(all);
    }

    @Test void nobodyReachesIntoAnotherModulesInternals() {
        noClasses().that().resideOutsideOfPackage("org.openets.registry..").should().dependOnClassesThat()
                .resideInAPackage("org.openets.registry.internal..").check(all);
        noClasses().that().resideOutsideOfPackage("org.openets.registrylog..").should().dependOnClassesThat()
                .resideInAPackage("org.openets.registrylog.internal..").check(all);
        noClasses().that().resideOutsideOfPackage("org.openets.emissions..").should().dependOnClassesThat()
                .resideInAPackage("org.openets.emissions.internal..").check(all);
    }

    @Test void theCliNeverLinksTheServer() {
        noClasses().that().resideInAPackage("org.openets.cli..").should().dependOnClassesThat()
                .resideInAnyPackage("org.openets.server..", "org.springframework..").check(all);
    }

    @Test void modulesHaveNoCycles() {
        slices().matching("org.openets.(*)..").should().beFreeOfCycles().check(all);
    }
}
