package com.ninebits.sms.domain;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The domain is plain Java: no framework, no JAX-RS, no AWS SDK, no JSON binding. The rules are
 * checked from plain JUnit tests, so they run whichever test engines surefire finds.
 */
class ArchitectureTest {

    private static final String[] FORBIDDEN = {
            "io.quarkus..", "jakarta..", "javax.ws..", "javax.inject..", "javax.enterprise..",
            "software.amazon..", "com.amazonaws..", "com.fasterxml.jackson..", "org.jboss..", "io.smallrye..",
            "io.vertx.."};

    private static final ArchRule DOMAIN_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage("com.ninebits.sms.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
            .because("the domain is plain Java; adapters translate at the edge");

    /** The packages right under {@code root} depend on each other without a cycle. */
    private static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("each concept has one home, and a package that needs what needs it has two");
    }

    private static JavaClasses domain;

    @BeforeAll
    static void importDomain() {
        domain = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("com.ninebits.sms.domain");
    }

    @Test
    void domainDependsOnNoFrameworkOrCloudLibrary() {
        DOMAIN_IS_PLAIN_JAVA.check(domain);
    }

    @Test
    void theRuleSeesTheDomainClasses() {
        // Guards against a rule that passes because it imported nothing.
        assertTrue(domain.contain("com.ninebits.sms.domain.account.AccountAdministration"));
        assertTrue(domain.contain("com.ninebits.sms.domain.webhook.WebhookUrls"));
        assertTrue(domain.contain("com.ninebits.sms.domain.group.GroupManagement"));
        assertTrue(domain.size() > 20, "imported " + domain.size() + " classes");
    }

    @Test
    void theRuleCatchesAForbiddenDependency() {
        // The same rule, pointed at a class that uses JUnit, must fail when JUnit is forbidden:
        // proof that the rule really inspects dependencies.
        JavaClasses self = new ClassFileImporter().importClasses(ArchitectureTest.class);
        EvaluationResult result = noClasses().that().resideInAPackage("com.ninebits.sms.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..")
                .evaluate(self);
        assertTrue(result.hasViolation(), "a dependency on org.junit should have been found");
    }

    @Test
    void domainPackagesDependOnEachOtherWithoutCycles() {
        packagesFreeOfCycles("com.ninebits.sms.domain").check(domain);
    }

    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses cycle = new ClassFileImporter().importPackages("com.ninebits.sms.domain.archfixture");
        assertTrue(cycle.size() >= 2, "imported " + cycle.size() + " classes");
        assertTrue(packagesFreeOfCycles("com.ninebits.sms.domain.archfixture").evaluate(cycle).hasViolation(), "the left/right cycle should have been found");
    }
}
