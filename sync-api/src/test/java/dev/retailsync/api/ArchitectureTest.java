package dev.retailsync.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's layering for sync-api: it depends on the JDK, Jakarta Validation and Jackson
 * annotations only; no OkHttp, Failsafe, Caffeine or databind type is reachable from it, and it
 * knows nothing of the core or the connectors.
 */
class ArchitectureTest {
  private static final JavaClasses API =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.retailsync.api");

  @Test
  void apiUsesOnlyTheJdkJakartaValidationAndJacksonAnnotations() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..",
            "jakarta.validation..",
            "com.fasterxml.jackson.annotation..",
            "dev.retailsync.api..")
        .because("sync-api may depend on jakarta.validation-api and jackson-annotations only")
        .check(API);
  }

  @Test
  void noThirdPartyRuntimeTypeIsReachableFromTheApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "okhttp3..",
            "okio..",
            "dev.failsafe..",
            "com.github.benmanes.caffeine..",
            "com.fasterxml.jackson.databind..",
            "com.fasterxml.jackson.core..",
            "org.hibernate..",
            "org.slf4j..")
        .check(API);
  }

  @Test
  void apiKnowsNothingOfCoreOrConnectors() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.retailsync.core..",
            "dev.retailsync.salesforce..",
            "dev.retailsync.erp..",
            "dev.retailsync.ecommerce..")
        .check(API);
  }
}
