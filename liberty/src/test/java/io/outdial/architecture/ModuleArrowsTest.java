package io.outdial.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module arrows of DESIGN.md: dependencies only point down, and core stays pure Java. */
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
        .layer("persistence")
        .definedBy("io.outdial.persistence..")
        .layer("dialer")
        .definedBy("io.outdial.dialer..")
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
        .whereLayer("dialer")
        .mayOnlyBeAccessedByLayers("rest")
        .whereLayer("webhooks")
        .mayOnlyBeAccessedByLayers("rest")
        .whereLayer("persistence")
        .mayOnlyBeAccessedByLayers("dialer", "webhooks", "rest", "admin")
        .whereLayer("core")
        .mayOnlyBeAccessedByLayers("persistence", "dialer", "webhooks", "rest", "admin")
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
