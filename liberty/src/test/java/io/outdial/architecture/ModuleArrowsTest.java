package io.outdial.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of the root README's module table: dependencies only point down, the dialer
 * knows the SIP carrier and the SMPP messaging provider only through their SPIs, media stands
 * alone, only the SIP carrier touches the SIP stack, and core stays pure Java.
 */
class ModuleArrowsTest {
  private static JavaClasses outdial;

  @BeforeAll
  static void importProductionClasses() {
    outdial =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.outdial");
  }

  @Test
  void dependenciesOnlyPointDownTheModuleTable() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("core")
        .definedBy("io.outdial.core..")
        .layer("media")
        .definedBy("io.outdial.media..")
        .layer("persistence")
        .definedBy("io.outdial.persistence..")
        .layer("dialer")
        .definedBy("io.outdial.dialer..")
        .layer("carrier-sip")
        .definedBy("io.outdial.carrier.sip..")
        .layer("messaging-smpp")
        .definedBy("io.outdial.messaging.smpp..")
        .layer("webhooks")
        .definedBy("io.outdial.webhooks..")
        .layer("rest")
        .definedBy("io.outdial.rest..")
        .layer("admin")
        .definedBy("io.outdial.admin..")
        .whereLayer("rest")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("admin")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("carrier-sip")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("messaging-smpp")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("dialer")
        .mayOnlyBeAccessedByLayers("carrier-sip", "messaging-smpp", "rest")
        .whereLayer("media")
        .mayOnlyBeAccessedByLayers("carrier-sip")
        .whereLayer("webhooks")
        .mayOnlyBeAccessedByLayers("rest")
        .whereLayer("persistence")
        .mayOnlyBeAccessedByLayers("dialer", "webhooks", "rest", "admin")
        .whereLayer("core")
        .mayOnlyBeAccessedByLayers(
            "media",
            "persistence",
            "dialer",
            "carrier-sip",
            "messaging-smpp",
            "webhooks",
            "rest",
            "admin")
        .check(outdial);
  }

  @Test
  void theEngineKnowsTelephonyProvidersOnlyThroughItsSpi() {
    noClasses()
        .that()
        .resideInAPackage("io.outdial.dialer..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.outdial.carrier..")
        .because("the dialer finds providers through TelephonyProviderFactory and ServiceLoader")
        .check(outdial);
  }

  @Test
  void theEngineKnowsMessagingProvidersOnlyThroughItsSpi() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.outdial.messaging.smpp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.outdial.messaging..", "org.jsmpp..")
        .because(
            "the sender finds messaging providers through MessagingProviderFactory and"
                + " ServiceLoader, and jSMPP is the messaging-smpp module's implementation detail")
        .check(outdial);
  }

  @Test
  void mediaKnowsNothingOfTheDialerNorOfSip() {
    noClasses()
        .that()
        .resideInAPackage("io.outdial.media..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.outdial.dialer..",
            "io.outdial.carrier..",
            "io.outdial.persistence..",
            "jakarta..",
            "javax.sip..",
            "gov.nist..")
        .check(outdial);
  }

  @Test
  void onlyTheSipCarrierUsesTheSipStack() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.outdial.carrier.sip..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("gov.nist..", "javax.sip..", "javax.sdp..")
        .because("JAIN-SIP is the carrier-sip module's implementation detail")
        .check(outdial);
  }

  @Test
  void coreTouchesNeitherJakartaNorHibernateNorJdbc() {
    noClasses()
        .that()
        .resideInAPackage("io.outdial.core..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "jakarta..", "javax..", "org.hibernate..", "java.sql..", "org.postgresql..")
                // the JDK's own cryptography (HMAC signatures of webhooks) is plain Java
                .and(
                    com.tngtech.archunit.base.DescribedPredicate.not(
                        JavaClass.Predicates.resideInAPackage("javax.crypto.."))))
        .check(outdial);
  }

  @Test
  void coreStartsNoThreadsOfItsOwn() {
    noClasses()
        .that()
        .resideInAPackage("io.outdial.core..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.belongToAnyOf(
                Thread.class,
                java.util.Timer.class,
                java.util.concurrent.Executors.class,
                java.util.concurrent.ExecutorService.class,
                java.util.concurrent.ScheduledExecutorService.class,
                java.util.concurrent.ForkJoinPool.class))
        .check(outdial);
  }
}
